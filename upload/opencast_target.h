// What an ingest into a scheduled Opencast event adds to the plain Opencast target: the event's id
// (sent as workflowInstanceId, which links the media to the event), its workflow and workflow
// properties, and its Dublin Core catalogs as the calendar carried them. Used by opencast/.
#pragma once

#include "upload_target.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace lectern {

struct OpencastScheduledIngest {
    std::string event_id;             // the VEVENT's UID; sent as workflowInstanceId
    std::string workflow_definition;  // workflowDefinitionId; "" = none (Opencast uses the event's)
    std::vector<std::pair<std::string, std::string>> workflow_config;  // e.g. {"straightToPublishing", "true"}
    std::vector<std::pair<std::string, std::string>> catalogs;         // {flavor, Dublin Core XML}, unchanged
};

// An Opencast target that ingests into one scheduled event: POST /ingest/ingest with the fields
// above instead of /ingest/ingest/{workflow}; the event's catalogs replace the one built from the
// sidecar (which is still attached).
std::unique_ptr<UploadTarget> make_scheduled_opencast_target(const UploadTargetConfig& config, const TargetSecret& secret,
                                                             OpencastScheduledIngest event);

}  // namespace lectern
