// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols/ProtocolRegistry.h"

#include "protocols/sciencemode2/Sm2Descriptor.h"
#include "protocols/sciencemode4/Sm4Descriptor.h"

#include <vector>

namespace galvani::proto {
namespace {

// The explicit list: one line per protocol, in the order the UI offers them.
std::vector<ProtocolDescriptor> buildList()
{
    std::vector<ProtocolDescriptor> list;
    list.push_back(sm2::descriptor()); // protocol: sciencemode2 (Hasomed RehaStim2)
    list.push_back(sm4::sm3Descriptor()); // protocol: sciencemode3 (Hasomed RehaMove3)
    list.push_back(sm4::descriptor()); // protocol: sciencemode4 (Hasomed P24)
    return list;
}

} // namespace

std::span<const ProtocolDescriptor> ProtocolRegistry::all()
{
    // Built once on first use (thread-safe static initialisation), immutable afterwards.
    static const std::vector<ProtocolDescriptor> kList = buildList();
    return kList;
}

const ProtocolDescriptor* ProtocolRegistry::find(std::string_view id)
{
    for (const auto& descriptor : all()) {
        if (descriptor.id == id) {
            return &descriptor;
        }
    }
    return nullptr;
}

} // namespace galvani::proto
