// Reading Opencast's ingest answers (opencast_reply.h) from recorded replies: the shapes real
// Opencast sends (namespaced workflow instance with its media package) and answers that merely
// contain the word "workflow". No server needed.
#include "opencast_reply.h"

#include <doctest/doctest.h>

using namespace lectern;

namespace {
// As Opencast 13 answers POST /ingest/ingest/{wd} (shortened; the element ids are Opencast's).
const char* kWorkflowReply = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<wf:workflow xmlns:wf="http://workflow.opencastproject.org" xmlns:mp="http://mediapackage.opencastproject.org"
    id="1034" state="INSTANTIATED">
  <wf:template>schedule-and-upload</wf:template>
  <mp:mediapackage id="9f1c0c3e-3d7b-4f4e-8c1a-0d3c7e6b2a11" start="2026-11-25T01:01:12Z">
    <media>
      <track id="b2f6c1d0-7a34-4c55-9e0e-5b8f4f2b9c77" type="presenter/source">
        <url>http://oc.example.org/files/mediapackage/9f1c/b2f6/090112-Li_Wei-k1.mkv</url>
      </track>
    </media>
    <metadata><catalog id="c1" type="dublincore/episode"/></metadata>
  </mp:mediapackage>
</wf:workflow>)";

const char* kAfterAddTrack = R"(<mediapackage xmlns="http://mediapackage.opencastproject.org" id="9f1c0c3e-3d7b-4f4e-8c1a-0d3c7e6b2a11">
  <media><track id="b2f6c1d0-7a34-4c55-9e0e-5b8f4f2b9c77" type="presenter/source"><url>x</url></track></media>
</mediapackage>)";
const char* kBeforeAddTrack = R"(<mediapackage xmlns="http://mediapackage.opencastproject.org" id="9f1c0c3e-3d7b-4f4e-8c1a-0d3c7e6b2a11">
  <media/></mediapackage>)";
}  // namespace

TEST_CASE("the track addTrack added is found by comparing the media package before and after") {
    CHECK(opencast_added_track(kBeforeAddTrack, kAfterAddTrack) == "b2f6c1d0-7a34-4c55-9e0e-5b8f4f2b9c77");
    CHECK(opencast_added_track(kAfterAddTrack, kAfterAddTrack) == "");
    CHECK(opencast_added_track(kBeforeAddTrack, "not xml") == "");
}

TEST_CASE("an ingest answer counts only as a workflow instance holding our track, never for containing the word workflow") {
    CHECK(check_ingest_reply(kWorkflowReply, "b2f6c1d0-7a34-4c55-9e0e-5b8f4f2b9c77") == "");
    CHECK(check_ingest_reply(kWorkflowReply, "") == "");
    CHECK(check_ingest_reply(kWorkflowReply, "another-track").find("does not hold the recording's track") != std::string::npos);
    CHECK(check_ingest_reply("<html><body>workflow service unavailable</body></html>", "t").find("names no workflow instance") != std::string::npos);
    CHECK(check_ingest_reply("workflow", "t").find("not XML") != std::string::npos);
    CHECK(check_ingest_reply(R"(<workflow id="1"/>)", "t").find("holds no media package") != std::string::npos);
    CHECK(check_ingest_reply(R"(<workflow state="FAILED"><mediapackage/></workflow>)", "").find("names no workflow instance") != std::string::npos);
}
