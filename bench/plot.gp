# Plots bench/run.sh's plot.dat: query latency percentiles (with facets), index build throughput and
# queries per second, each by corpus size N, one colour per engine.
# Usage: gnuplot -e "datafile='plot.dat'; outfile='latency.png'" bench/plot.gp
if (!exists("datafile")) datafile = 'plot.dat'
if (!exists("outfile")) outfile = 'latency.png'

set terminal pngcairo size 1500,520 font "DejaVu Sans,10"
set output outfile
array engine[3] = ["capsearch", "SQLite FTS5 (Python + libyaml)", "Xapian scriptindex"]
set style line 1 lc rgb "#1b7837" lw 2 pt 7
set style line 2 lc rgb "#2166ac" lw 2 pt 5
set style line 3 lc rgb "#b2182b" lw 2 pt 9
set logscale x 10
set format x "%.0s%c"
set xlabel "records (N)"
set grid
set key top left
set multiplot layout 1,3

set title "Query latency with facets (p50 solid, p95 dashed, p99 dotted)"
set logscale y 10
set ylabel "milliseconds"
plot for [i=0:2] datafile index i using 1:3 with linespoints ls (i + 1) dt 1 title engine[i + 1], \
     for [i=0:2] datafile index i using 1:4 with linespoints ls (i + 1) dt 2 notitle, \
     for [i=0:2] datafile index i using 1:5 with linespoints ls (i + 1) dt 3 notitle

set title "Full index build throughput"
set ylabel "records per second (wall clock)"
plot for [i=0:2] datafile index i using 1:2 with linespoints ls (i + 1) title engine[i + 1]

set title "Query throughput (all 20 requests, one thread)"
set ylabel "queries per second"
plot for [i=0:2] datafile index i using 1:6 with linespoints ls (i + 1) title engine[i + 1]

unset multiplot
