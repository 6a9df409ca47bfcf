// The lexicon image: written once from a parsed lexicon, then used in place (see lexicon_image.hpp).
// Every read is bounds-checked, so a damaged image is an error naming it, never a wild read.
#include "analyzers/lexicon_image.hpp"

#include <cstring>
#include <unordered_map>

#include "analyzers/fnv1a.hpp"
#include "analyzers/lexicon_data.hpp"
#include "capsearch/error.hpp"

namespace capsearch::analysis {

namespace lexicon_detail {

std::uint32_t key_hash(std::string_view key) {
    const std::uint64_t h = fnv1a64(key);
    return static_cast<std::uint32_t>(h ^ (h >> 32));
}

namespace {

// The filter uses the hash's high bits; the table its low bits.
std::size_t filter_bit(std::uint32_t h) { return (h >> 11) & (kFilterBits - 1); }

constexpr std::size_t kFilterWords = kFilterBits / 64;

std::uint64_t aligned(std::uint64_t n) { return (n + 7) & ~std::uint64_t{7}; }

template <typename T>
void put(std::string& out, std::uint64_t off, const std::vector<T>& v) {
    if (!v.empty()) std::memcpy(out.data() + off, v.data(), v.size() * sizeof(T));
}

}  // namespace

std::string build_image(const Parsed& p, const std::string& id) {
    // The pool: the compiled text (most strings are slices of it), the keys, then the rest.
    std::string pool = p.text;
    const std::size_t keys_base = pool.size();
    pool += p.keys;
    std::unordered_map<std::string, ImageRef> extras;
    auto ref = [&](std::string_view s) -> ImageRef {
        if (s.empty()) return {};
        if (s.data() >= p.text.data() && s.data() + s.size() <= p.text.data() + p.text.size())
            return {static_cast<std::uint32_t>(s.data() - p.text.data()),
                    static_cast<std::uint32_t>(s.size())};
        auto [it, fresh] = extras.try_emplace(std::string(s));
        if (fresh) {
            it->second = {static_cast<std::uint32_t>(pool.size()), static_cast<std::uint32_t>(s.size())};
            pool += s;
        }
        return it->second;
    };

    std::vector<ImageConcept> concepts(p.concepts.size());
    for (std::size_t i = 0; i < p.concepts.size(); ++i) {
        const Concept& c = p.concepts[i];
        concepts[i] = {ref(c.name),    ref(c.id),  ref(c.about),
                       ref(c.members), ref(c.tax), static_cast<std::uint8_t>(c.kind),
                       c.type,         {0, 0}};
    }
    std::vector<ImageName> names(p.names.size());
    for (std::size_t i = 0; i < p.names.size(); ++i) {
        const Name& n = p.names[i];
        const auto flags =
            static_cast<std::uint8_t>((n.case_exact ? kFlagExact : 0) | (n.word ? kFlagWord : 0));
        names[i] = {n.concept_index,
                    ref(n.spelling),
                    {static_cast<std::uint32_t>(keys_base + n.key_off), n.key_len},
                    UINT32_MAX,
                    n.source,
                    flags,
                    n.tier,
                    0};
    }
    if (pool.size() > UINT32_MAX) throw Error(ErrorCode::lexicon, "the lexicon is too large for an image");

    // The key table; backwards, so each chain lists names in file order.
    std::size_t size = 1024;
    while (size < names.size() * 2) size *= 2;
    std::vector<ImageSlot> slots(size, ImageSlot{0, UINT32_MAX});
    std::vector<std::uint64_t> filter(kFilterWords, 0);
    auto key_of = [&](std::uint32_t i) {
        return std::string_view(pool).substr(names[i].key.off, names[i].key.len);
    };
    for (std::uint32_t i = static_cast<std::uint32_t>(names.size()); i-- > 0;) {
        const std::string_view key = key_of(i);
        const std::uint32_t h = key_hash(key);
        filter[filter_bit(h) / 64] |= std::uint64_t{1} << (filter_bit(h) % 64);
        for (std::size_t at = h & (size - 1);; at = (at + 1) & (size - 1)) {
            ImageSlot& slot = slots[at];
            if (slot.head == UINT32_MAX) {
                slot = {h, i};
                break;
            }
            if (slot.hash == h && key_of(slot.head) == key) {
                names[i].next = slot.head;
                slot.head = i;
                break;
            }
        }
    }

    // Each concept's names, for names_of() without a scan.
    std::vector<std::uint32_t> first(concepts.size() + 1, 0);
    for (const ImageName& n : names) ++first[n.concept_index + 1];
    for (std::size_t i = 1; i < first.size(); ++i) first[i] += first[i - 1];
    std::vector<std::uint32_t> by_concept(names.size());
    std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
    for (std::uint32_t i = 0; i < names.size(); ++i) by_concept[fill[names[i].concept_index]++] = i;

    ImageHeader h{};
    std::memcpy(h.magic, kImageMagic, sizeof h.magic);
    h.version = kImageVersion;
    h.byte_order = kImageByteOrder;
    std::strncpy(h.id, id.c_str(), sizeof h.id - 1);
    h.concepts = static_cast<std::uint32_t>(concepts.size());
    h.names = static_cast<std::uint32_t>(names.size());
    h.families = static_cast<std::uint32_t>(p.families.size());
    h.slots = static_cast<std::uint32_t>(slots.size());
    h.concept_names = static_cast<std::uint32_t>(by_concept.size());
    std::uint64_t at = aligned(sizeof h);
    auto place = [&](std::uint64_t& off, std::uint64_t bytes) {
        off = at;
        at = aligned(at + bytes);
    };
    place(h.off_concepts, concepts.size() * sizeof(ImageConcept));
    place(h.off_names, names.size() * sizeof(ImageName));
    place(h.off_families, p.families.size() * sizeof(std::uint32_t));
    place(h.off_slots, slots.size() * sizeof(ImageSlot));
    place(h.off_filter, filter.size() * sizeof(std::uint64_t));
    place(h.off_concept_first, first.size() * sizeof(std::uint32_t));
    place(h.off_concept_names, by_concept.size() * sizeof(std::uint32_t));
    place(h.off_pool, pool.size());
    h.pool_size = pool.size();
    h.text_size = p.text.size();
    h.byte_size = at;

    std::string out(at, '\0');
    std::memcpy(out.data(), &h, sizeof h);
    put(out, h.off_concepts, concepts);
    put(out, h.off_names, names);
    put(out, h.off_families, p.families);
    put(out, h.off_slots, slots);
    put(out, h.off_filter, filter);
    put(out, h.off_concept_first, first);
    put(out, h.off_concept_names, by_concept);
    std::memcpy(out.data() + h.off_pool, pool.data(), pool.size());
    return out;
}

}  // namespace lexicon_detail

using namespace lexicon_detail;

void Lexicon::Data::corrupt(const std::string& what) const {
    throw Error(ErrorCode::lexicon, origin + ": " + what);
}

const void* Lexicon::Data::section(std::uint64_t off, std::uint64_t count, std::size_t size,
                                   const char* what) const {
    if (off % 8 != 0 || off > bytes.size() || count > (bytes.size() - off) / size)
        corrupt(std::string("damaged lexicon image (its ") + what + " lie outside the file)");
    return bytes.data() + off;
}

void Lexicon::Data::attach(std::string_view image, const std::string& where) {
    origin = where;
    bytes = image;
    ImageHeader h;
    if (image.size() < sizeof h.magic || std::memcmp(image.data(), kImageMagic, sizeof h.magic) != 0)
        corrupt("not a capsearch lexicon image (it does not start with \"capslexi\")");
    if (image.size() < sizeof h)
        corrupt("truncated lexicon image (" + std::to_string(image.size()) +
                " bytes, shorter than its header)");
    std::memcpy(&h, image.data(), sizeof h);
    if (h.byte_order != kImageByteOrder) corrupt("lexicon image written on a machine of another byte order");
    if (h.version != kImageVersion)
        corrupt("lexicon image of format version " + std::to_string(h.version) + ", this capsearch reads " +
                std::to_string(kImageVersion));
    if (h.byte_size != image.size())
        corrupt(std::string(h.byte_size > image.size() ? "truncated" : "damaged") + " lexicon image (" +
                std::to_string(image.size()) + " bytes, its header says " + std::to_string(h.byte_size) +
                ")");
    if (std::memchr(h.id, '\0', sizeof h.id) == nullptr)
        corrupt("damaged lexicon image (its id is not ended)");
    id = h.id;
    if (h.slots == 0 || (h.slots & (h.slots - 1)) != 0) corrupt("damaged lexicon image (its key table size)");
    concepts_ = static_cast<const ImageConcept*>(
        section(h.off_concepts, h.concepts, sizeof(ImageConcept), "concepts"));
    names_ = static_cast<const ImageName*>(section(h.off_names, h.names, sizeof(ImageName), "names"));
    families = {static_cast<const std::uint32_t*>(section(h.off_families, h.families, 4, "families")),
                h.families};
    slots_ = static_cast<const ImageSlot*>(section(h.off_slots, h.slots, sizeof(ImageSlot), "key table"));
    filter_ = static_cast<const std::uint64_t*>(section(h.off_filter, kFilterWords, 8, "filter"));
    concept_first_ = static_cast<const std::uint32_t*>(
        section(h.off_concept_first, std::uint64_t{h.concepts} + 1, 4, "concept index"));
    concept_names_ =
        static_cast<const std::uint32_t*>(section(h.off_concept_names, h.concept_names, 4, "concept names"));
    pool_ = std::string_view(static_cast<const char*>(section(h.off_pool, h.pool_size, 1, "strings")),
                             h.pool_size);
    if (h.text_size > h.pool_size) corrupt("damaged lexicon image (its text is larger than its strings)");
    text_size_ = h.text_size;
    concept_count = h.concepts;
    name_count = h.names;
    concept_names_count_ = h.concept_names;
    slot_mask_ = h.slots - 1;
}

std::string_view Lexicon::Data::str(std::uint32_t off, std::uint32_t len, const char* what) const {
    if (off > pool_.size() || len > pool_.size() - off)
        corrupt(std::string("damaged lexicon image (a ") + what + " lies outside its strings)");
    return pool_.substr(off, len);
}

Concept Lexicon::Data::concept_at(std::uint32_t i) const {
    if (i >= concept_count)
        corrupt("damaged lexicon image (concept " + std::to_string(i) + " does not exist)");
    const ImageConcept& r = concepts_[i];
    if (r.kind > static_cast<std::uint8_t>(ConceptKind::stop))
        corrupt("damaged lexicon image (concept " + std::to_string(i) + " has an unknown kind)");
    Concept c;
    c.kind = static_cast<ConceptKind>(r.kind);
    c.type = r.type;
    c.name = str(r.name.off, r.name.len, "concept name");
    c.id = str(r.id.off, r.id.len, "gene id");
    c.about = str(r.about.off, r.about.len, "description");
    c.members = str(r.members.off, r.members.len, "member list");
    c.tax = str(r.tax.off, r.tax.len, "tax id");
    return c;
}

Name Lexicon::Data::name_at(std::uint32_t i) const {
    if (i >= name_count) corrupt("damaged lexicon image (name " + std::to_string(i) + " does not exist)");
    const ImageName& r = names_[i];
    if (r.concept_index >= concept_count)
        corrupt("damaged lexicon image (name " + std::to_string(i) + " points to no concept)");
    Name n;
    n.concept_index = r.concept_index;
    n.spelling = str(r.spelling.off, r.spelling.len, "name");
    n.source = r.source;
    n.case_exact = (r.flags & kFlagExact) != 0;
    n.word = (r.flags & kFlagWord) != 0;
    n.tier = r.tier;
    return n;
}

std::span<const std::uint32_t> Lexicon::Data::names_of_concept(std::uint32_t i) const {
    if (i >= concept_count)
        corrupt("damaged lexicon image (concept " + std::to_string(i) + " does not exist)");
    const std::uint32_t b = concept_first_[i], e = concept_first_[i + 1];
    if (b > e || e > concept_names_count_)
        corrupt("damaged lexicon image (the names of concept " + std::to_string(i) + ")");
    return {concept_names_ + b, e - b};
}

std::string_view Lexicon::Data::text() const { return pool_.substr(0, text_size_); }

std::vector<std::uint32_t> Lexicon::Data::key_heads() const {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i <= slot_mask_; ++i)
        if (slots_[i].head != UINT32_MAX) out.push_back(slots_[i].head);
    return out;
}

bool Lexicon::Data::may_have(std::string_view key) const {
    const std::uint32_t h = key_hash(key);
    return (filter_[filter_bit(h) / 64] >> (filter_bit(h) % 64)) & 1;
}

std::vector<std::uint32_t> Lexicon::Data::candidates(std::string_view key) const {
    std::vector<std::uint32_t> out;
    if (!may_have(key)) return out;
    const std::uint32_t h = key_hash(key);
    auto key_at = [&](std::uint32_t i) {
        if (i >= name_count) corrupt("damaged lexicon image (its key table points to no name)");
        return str(names_[i].key.off, names_[i].key.len, "key");
    };
    for (std::size_t at = h & slot_mask_, probes = 0; probes <= slot_mask_;
         at = (at + 1) & slot_mask_, ++probes) {
        const ImageSlot& slot = slots_[at];
        if (slot.head == UINT32_MAX) return out;
        if (slot.hash == h && key_at(slot.head) == key) {
            for (std::uint32_t i = slot.head; i != UINT32_MAX; i = names_[i].next) {
                if (out.size() > name_count) corrupt("damaged lexicon image (a loop in its key table)");
                key_at(i);
                out.push_back(i);
            }
            return out;
        }
    }
    return out;
}

}  // namespace capsearch::analysis
