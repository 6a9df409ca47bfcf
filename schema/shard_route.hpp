// Which shard of a sharded index a figure lives in: a stable hash of its figid, so that a figure is in
// exactly one shard and a changed record replaces itself there.
#pragma once

#include <string_view>

#include "analyzers/fnv1a.hpp"

namespace capsearch::index {

/// The shard (0 .. shard_count-1) of `figid`: FNV-1a 64 (offset basis 0xcbf29ce484222325, prime
/// 0x100000001b3) of the figid's UTF-8 bytes, modulo shard_count. NEVER CHANGE THIS: every sharded
/// index on disk placed its figures with it, and a sync finds a figure's shard by it again (a change
/// would need every sharded index rebuilt).
inline unsigned shard_of(std::string_view figid, unsigned shard_count) {
    return static_cast<unsigned>(analysis::fnv1a64(figid) % shard_count);
}

}  // namespace capsearch::index
