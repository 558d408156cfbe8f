// Routing: which handler answers a request, and the JSON errors when none does. The sockets, threads
// and the turning of WebResponse into bytes are libmicrohttpd's (http_daemon.cpp).
#include "http_server.h"

#include "assets.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace lectern {
namespace {

bool is_literal(const std::string& pattern) { return pattern.find_first_of("^$*+?()[]{}|\\") == std::string::npos; }

}  // namespace

const char* error_text(int status) {
    switch (status) {
    case 400: return "malformed request";
    case 404: return "no such page; see /api/v1/status, /metrics, /healthz";
    case 405: return "method not allowed here";
    case 413: return "request body too large ([web] max_body_kib)";
    case 414: return "request line too long";
    case 416: return "the range asked for starts past the end of the file";
    default: return status >= 500 ? "internal error; the kiosk's log says more" : "request refused";
    }
}


void HttpServer::get(const std::string& pattern, HttpHandler handler) {
    if (is_literal(pattern)) literal_gets_[pattern] = {std::move(handler), false};
    else patterns_.push_back({false, std::regex(pattern), std::move(handler)});
}

void HttpServer::get_immediate(const std::string& path, HttpHandler handler) {
    if (!is_literal(path)) throw std::invalid_argument("get_immediate takes a literal path, not \"" + path + "\"");
    literal_gets_[path] = {std::move(handler), true};
}

void HttpServer::post(const std::string& pattern, HttpHandler handler) {
    // A literal pattern is a regular expression that matches only itself once '.' is escaped.
    std::string expression = pattern;
    if (is_literal(pattern)) {
        expression.clear();
        for (char c : pattern) (c == '.' ? expression += "\\." : expression += c);
    }
    patterns_.push_back({true, std::regex(expression), std::move(handler)});
}

bool HttpServer::serve_files(const std::string& mount, const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return false;
    std::string prefix = mount;
    while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
    mounts_.push_back({prefix.empty() ? "/" : prefix, dir});
    return true;
}

HttpServer::Route HttpServer::route_of(WebRequest& req) const {
    const bool get = req.method == "GET" || req.method == "HEAD";
    if (get) {
        // Literal GET routes first: no file can shadow the API, and an API request costs no stat().
        if (auto literal = literal_gets_.find(req.path); literal != literal_gets_.end())
            return {&literal->second.handler, literal->second.immediate, {}};
        if (auto file = find_static_file(mounts_, req.path)) return {nullptr, true, std::move(file)};
    }
    if (!get && req.method != "POST") return {};
    std::smatch groups;
    for (const PatternRoute& r : patterns_) {
        if (r.post == get || !std::regex_match(req.path, groups, r.pattern)) continue;
        req.matches.assign(groups.begin(), groups.end());
        return {&r.handler, false, {}};
    }
    return {};
}

std::string HttpServer::allowed_methods(const std::string& path) const {
    bool get = literal_gets_.count(path) || find_static_file(mounts_, path), post = false;
    for (const PatternRoute& r : patterns_)
        if (!(r.post ? post : get) && std::regex_match(path, r.pattern)) (r.post ? post : get) = true;
    return get && post ? "GET, HEAD, POST" : get ? "GET, HEAD" : post ? "POST" : "";
}

void HttpServer::answer(const WebRequest& req, WebResponse& res, const Route& route) const {
    try {
        if (route.handler) {
            (*route.handler)(req, res);
        } else if (route.file) {
            if (!res.set_file(*route.file, content_type_for(*route.file))) reply_error(res, 404, error_text(404));
        } else {
            const std::string allowed = allowed_methods(req.path);
            reply_error(res, allowed.empty() ? 404 : 405, error_text(allowed.empty() ? 404 : 405));
            if (!allowed.empty()) res.set_header("Allow", allowed);
        }
    } catch (const std::exception& e) {
        // A handler that throws answers 500 without the exception's text (it may name paths or hosts).
        std::fprintf(stderr, "lectern: web: %s %s failed: %s\n", req.method.c_str(), req.path.c_str(), e.what());
        res = WebResponse{};
        reply_error(res, 500, error_text(500));
    } catch (...) {
        std::fprintf(stderr, "lectern: web: %s %s failed\n", req.method.c_str(), req.path.c_str());
        res = WebResponse{};
        reply_error(res, 500, error_text(500));
    }
    if (res.status >= 400 && res.body.empty() && res.file.empty()) reply_error(res, res.status, error_text(res.status));
}

bool serve_web_assets(HttpServer& server) {
    bool page = server.serve_files("/", asset_path("web"));
    bool icons = server.serve_files("/icons", asset_path("icons"));
    return page && icons;
}

void reply(WebResponse& res, int status, const std::string& body, const std::string& type) {
    res.status = status;
    res.set_content(body, type);
}

void reply_error(WebResponse& res, int status, const std::string& message) {
    reply(res, status, nlohmann::json{{"error", message}}.dump() + "\n", "application/json");
}

}  // namespace lectern
