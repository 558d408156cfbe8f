// Reading Opencast's ingest answers with pugixml instead of searching them for a word: which
// track addTrack added, and whether the ingest's answer is a workflow instance that holds it.
// Opencast's ingest API offers no read-back of the bytes, so an ingest checked this way is graded
// "accepted" (upload_job.h): retention keeps the local copy.
#pragma once

#include <string>
#include <vector>

namespace lectern {

// The ids of the tracks in a media package (any namespace prefix), in document order.
std::vector<std::string> opencast_track_ids(const std::string& mediapackage_xml);

// The id of the track in `after` that `before` did not have ("" when there is none).
std::string opencast_added_track(const std::string& before, const std::string& after);

// "" when `reply` is a workflow instance (root element "workflow" with an id) whose media package
// holds the track `track_id`; else why not, in words. An empty track_id checks the workflow only.
std::string check_ingest_reply(const std::string& reply, const std::string& track_id);

}  // namespace lectern
