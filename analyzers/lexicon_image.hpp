// The binary image of a compiled lexicon: the form searches use in place (memory-mapped), so that a
// query touches only the key-table slots and records of the names its tokens can start.
#pragma once

#include <cstdint>

namespace capsearch::analysis::lexicon_detail {

/// "capslexi": the first eight bytes of every image.
inline constexpr char kImageMagic[8] = {'c', 'a', 'p', 's', 'l', 'e', 'x', 'i'};
/// Bump when the layout below changes: an image of another version is rebuilt, never misread.
inline constexpr std::uint32_t kImageVersion = 1;
/// Written as is: an image from a machine of the other byte order reads back as another value.
inline constexpr std::uint32_t kImageByteOrder = 0x01020304;
/// One bit per key hash (2^21 bits, 256 KiB): most words of a text are no name at all, and the filter
/// answers "no" for them without touching the table.
inline constexpr std::uint64_t kFilterBits = std::uint64_t{1} << 21;

/// A string in the pool.
struct ImageRef {
    std::uint32_t off = 0;
    std::uint32_t len = 0;
};

struct ImageHeader {
    char magic[8];
    std::uint32_t version;
    std::uint32_t byte_order;
    std::uint64_t byte_size;  ///< The whole image, header included: a shorter file is truncated.
    char id[40];              ///< Lexicon::id(), NUL-padded.
    std::uint32_t concepts, names, families, slots, concept_names, reserved;
    // Byte offsets of the sections (each 8-aligned); the filter has kFilterBits / 64 words.
    std::uint64_t off_concepts, off_names, off_families, off_slots, off_filter, off_concept_first,
        off_concept_names, off_pool;
    std::uint64_t pool_size;  ///< The pool starts with the compiled text (text_size bytes).
    std::uint64_t text_size;
};

struct ImageConcept {
    ImageRef name, id, about, members, tax;
    std::uint8_t kind;
    char type;
    std::uint8_t pad[2];
};

struct ImageName {
    std::uint32_t concept_index;
    ImageRef spelling;
    ImageRef key;
    std::uint32_t next;  ///< The next name with the same key, or UINT32_MAX.
    char source;
    std::uint8_t flags;  ///< kFlagExact | kFlagWord.
    std::uint8_t tier;
    std::uint8_t pad;
};
inline constexpr std::uint8_t kFlagExact = 1;
inline constexpr std::uint8_t kFlagWord = 2;

/// Open addressing over key hashes: the first name with that key (UINT32_MAX: empty).
struct ImageSlot {
    std::uint32_t hash;
    std::uint32_t head;
};

}  // namespace capsearch::analysis::lexicon_detail
