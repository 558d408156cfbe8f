#include "opencast_reply.h"

#include <pugixml.hpp>

#include <algorithm>
#include <cstring>

namespace lectern {
namespace {

// "mp:track" and "track" are the same element in Opencast's answers, whatever prefix it uses.
const char* local_name(const pugi::xml_node& n) {
    const char* name = n.name();
    const char* colon = std::strrchr(name, ':');
    return colon ? colon + 1 : name;
}

pugi::xml_node find_local(const pugi::xml_node& root, const char* name) {
    return root.find_node([name](const pugi::xml_node& n) { return std::strcmp(local_name(n), name) == 0; });
}

std::vector<std::string> track_ids(const pugi::xml_node& root) {
    std::vector<std::string> ids;
    pugi::xml_node media = find_local(root, "media");
    for (pugi::xml_node n : media.children())
        if (std::strcmp(local_name(n), "track") == 0) ids.push_back(n.attribute("id").value());
    return ids;
}

}  // namespace

std::vector<std::string> opencast_track_ids(const std::string& xml) {
    pugi::xml_document doc;
    if (!doc.load_string(xml.c_str())) return {};
    return track_ids(doc);
}

std::string opencast_added_track(const std::string& before, const std::string& after) {
    std::vector<std::string> old_ids = opencast_track_ids(before);
    for (const std::string& id : opencast_track_ids(after))
        if (!id.empty() && std::find(old_ids.begin(), old_ids.end(), id) == old_ids.end()) return id;
    return {};
}

std::string check_ingest_reply(const std::string& reply, const std::string& track_id) {
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_string(reply.c_str());
    if (!parsed) return std::string("Opencast's answer to the ingest is not XML (") + parsed.description() + ")";
    pugi::xml_node root = doc.document_element();
    if (std::strcmp(local_name(root), "workflow") != 0 || root.attribute("id").empty())
        return "Opencast's answer to the ingest names no workflow instance";
    pugi::xml_node mediapackage = find_local(root, "mediapackage");
    if (!mediapackage) return "the workflow instance Opencast started holds no media package";
    if (track_id.empty()) return {};
    std::vector<std::string> ids = track_ids(mediapackage);
    if (std::find(ids.begin(), ids.end(), track_id) == ids.end())
        return "the workflow instance Opencast started does not hold the recording's track (" + track_id + ")";
    return {};
}

}  // namespace lectern
