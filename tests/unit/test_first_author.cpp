// The author: field's extraction: the first author's name from PMC citation text.
#include <catch2/catch.hpp>

#include "indexer/first_author.hpp"

using capsearch::index::first_author;

TEST_CASE("first author: the name before ', et al.'", "[author]") {
    CHECK(first_author("Marie W. Wooten, et al. Mol Cell Biol. 2001 Dec;21(24):8414-8427.") ==
          "Marie W. Wooten");
    CHECK(first_author("Lili Wu, et al. Front Immunol. 2023;14:1140749.") == "Lili Wu");
}

TEST_CASE("first author: a sole author ends at the first '.' after a word that is not an initial",
          "[author]") {
    CHECK(first_author("Peter J. Barnes. J Clin Invest. 2006 May 1;116(5):1210-1212.") == "Peter J. Barnes");
    CHECK(first_author("T. John Martin. J Clin Invest. 2005 Sep 1;115(9):2322-2324.") == "T. John Martin");
    CHECK(first_author("Donald M Bers. J Physiol. 2007 Sep 1;583(Pt 2):415-416.") == "Donald M Bers");
}

TEST_CASE("first author: text in no known form gives no name", "[author]") {
    CHECK(first_author("").empty());
    CHECK(first_author("   ").empty());
    CHECK(first_author("a citation with no end to the first name at all here").empty());
}
