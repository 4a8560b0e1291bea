// SPDX-License-Identifier: GPL-3.0-or-later
// layering-check: enforces each library folder's README rules on the #include lines of its sources.
//
// A folder is a checked unit when its README.md has the three headings "Content", "May depend on" and
// "Must not depend on". Every .h/.hpp/.cpp/.cc file below it (and not below a nested unit) is checked:
//  - an include that matches a back-ticked pattern under "Must not depend on" is a violation. Patterns are
//    globs over the include path (`Q*`, `spdlog/*`, `device/*`) or Qt modules (`Qt6::Widgets`: any header
//    of that module, found in --qt-include-dir);
//  - an include of another project layer (`core/…`, `device/…`, …) is a violation unless that layer is
//    back-ticked under "May depend on".
// Exit status: 0 clean, 1 violations (each printed as file:line: include — rule), 2 usage or I/O error.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kProjectLayers = {"core", "app", "protocols", "device", "db", "ui"};

struct Unit {
    fs::path dir;
    std::string layer; // folder name, e.g. "core"
    std::set<std::string> mayDependOn; // project layers allowed
    std::vector<std::string> forbiddenGlobs; // include-path globs
    std::vector<std::string> forbiddenModules; // e.g. "Widgets" from `Qt6::Widgets`
};

bool globMatch(const std::string& pattern, const std::string& text)
{
    // Iterative '*' matcher ('*' spans any characters, including '/').
    std::size_t p = 0;
    std::size_t t = 0;
    std::size_t star = std::string::npos;
    std::size_t mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == text[t]) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') {
        ++p;
    }
    return p == pattern.size();
}

// The back-ticked patterns of one bullet: those before the first ':' outside back-ticks, so that a bullet
// "- `Q*`, `qt*`: Qt of any kind; see `app`" yields Q* and qt* and not the names used in its explanation.
std::vector<std::string> backticked(const std::string& line)
{
    std::vector<std::string> out;
    static const std::regex tick("`([^`]+)`");
    auto plainStart = line.cbegin();
    for (auto it = std::sregex_iterator(line.begin(), line.end(), tick); it != std::sregex_iterator(); ++it) {
        if (std::find(plainStart, (*it)[0].first, ':') != (*it)[0].first) {
            break;
        }
        out.push_back((*it)[1].str());
        plainStart = (*it)[0].second;
    }
    return out;
}

std::optional<Unit> readUnit(const fs::path& dir)
{
    std::ifstream in(dir / "README.md");
    if (!in) {
        return std::nullopt;
    }
    Unit unit;
    unit.dir = dir;
    unit.layer = dir.filename().string();
    std::string section;
    std::set<std::string> seen;
    std::string line;
    static const std::regex heading(R"(^#{1,6}\s*(.*?)\s*$)");
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_match(line, m, heading)) {
            section = m[1].str();
            std::transform(section.begin(), section.end(), section.begin(),
                [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            seen.insert(section);
            continue;
        }
        for (const auto& token : backticked(line)) {
            if (section == "may depend on") {
                if (kProjectLayers.contains(token)) {
                    unit.mayDependOn.insert(token);
                }
            } else if (section == "must not depend on") {
                if (token.starts_with("Qt6::")) {
                    unit.forbiddenModules.push_back(token.substr(5));
                } else if (kProjectLayers.contains(token)) {
                    unit.forbiddenGlobs.push_back(token + "/*");
                } else {
                    unit.forbiddenGlobs.push_back(token);
                }
            }
        }
    }
    if (!seen.contains("content") || !seen.contains("may depend on") || !seen.contains("must not depend on")) {
        return std::nullopt;
    }
    return unit;
}

bool isSource(const fs::path& p)
{
    const auto ext = p.extension().string();
    return ext == ".h" || ext == ".hpp" || ext == ".cpp" || ext == ".cc";
}

class ModuleHeaders {
public:
    explicit ModuleHeaders(fs::path qtIncludeDir) : m_root(std::move(qtIncludeDir)) { }

    // True when `include` names a header of Qt module `module` (as <QLabel> or <QtWidgets/QLabel>).
    bool contains(const std::string& module, const std::string& include)
    {
        const std::string prefix = "Qt" + module + "/";
        if (include.starts_with(prefix) || include == "Qt" + module) {
            return true;
        }
        const auto& names = headersOf(module);
        return names.contains(include);
    }

private:
    const std::set<std::string>& headersOf(const std::string& module)
    {
        auto [it, inserted] = m_cache.try_emplace(module);
        if (inserted && !m_root.empty()) {
            std::error_code ec;
            for (const auto& e : fs::directory_iterator(m_root / ("Qt" + module), ec)) {
                it->second.insert(e.path().filename().string());
            }
        }
        return it->second;
    }
    fs::path m_root;
    std::map<std::string, std::set<std::string>> m_cache;
};

} // namespace

int main(int argc, char* argv[])
{
    fs::path root;
    fs::path qtInclude;
    std::vector<fs::path> excludes;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--qt-include-dir" && i + 1 < argc) {
            qtInclude = argv[++i];
        } else if (arg == "--exclude" && i + 1 < argc) {
            excludes.emplace_back(argv[++i]);
        } else if (!arg.starts_with("--") && root.empty()) {
            root = arg;
        } else {
            std::cerr << "usage: layering-check ROOT [--qt-include-dir DIR] [--exclude RELATIVE_DIR]...\n";
            return 2;
        }
    }
    if (root.empty() || !fs::is_directory(root)) {
        std::cerr << "layering-check: ROOT '" << root.string() << "' is not a folder\n";
        return 2;
    }
    root = fs::canonical(root);

    auto skipped = [&](const fs::path& p) {
        const auto rel = fs::relative(p, root).string();
        const auto name = p.filename().string();
        if (name.starts_with(".") || name.starts_with("build")) {
            return true;
        }
        return std::any_of(excludes.begin(), excludes.end(), [&](const fs::path& e) { return rel == e.string(); });
    };

    // Find units, then assign each source to its nearest enclosing unit.
    std::map<fs::path, Unit> units;
    std::vector<fs::path> sources;
    if (auto u = readUnit(root)) {
        units.emplace(root, *u);
    }
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        if (it->is_directory()) {
            if (skipped(it->path())) {
                it.disable_recursion_pending();
            } else if (auto u = readUnit(it->path())) {
                units.emplace(it->path(), *u);
            }
        } else if (it->is_regular_file() && isSource(it->path())) {
            sources.push_back(it->path());
        }
    }
    if (units.empty()) {
        std::cerr << "layering-check: no folder under " << root.string() << " has a README with the three headings\n";
        return 2;
    }

    ModuleHeaders qt(qtInclude);
    static const std::regex includeLine(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    int violations = 0;
    std::size_t checked = 0;
    for (const auto& file : sources) {
        const Unit* unit = nullptr;
        for (fs::path d = file.parent_path();; d = d.parent_path()) {
            if (auto u = units.find(d); u != units.end()) {
                unit = &u->second;
                break;
            }
            if (d == root || d == d.parent_path()) {
                break;
            }
        }
        if (unit == nullptr) {
            continue;
        }
        ++checked;
        std::ifstream in(file);
        std::string line;
        int lineNo = 0;
        while (std::getline(in, line)) {
            ++lineNo;
            std::smatch m;
            if (!std::regex_search(line, m, includeLine)) {
                continue;
            }
            const std::string inc = m[1].str();
            std::string rule;
            for (const auto& g : unit->forbiddenGlobs) {
                if (globMatch(g, inc)) {
                    rule = "matches `" + g + "` under Must not depend on";
                    break;
                }
            }
            for (const auto& mod : unit->forbiddenModules) {
                if (rule.empty() && qt.contains(mod, inc)) {
                    rule = "is a header of `Qt6::" + mod + "` under Must not depend on";
                }
            }
            const auto slash = inc.find('/');
            const std::string first = slash == std::string::npos ? std::string() : inc.substr(0, slash);
            if (rule.empty() && kProjectLayers.contains(first) && first != unit->layer
                && !unit->mayDependOn.contains(first)) {
                rule = "layer `" + first + "` is not listed under May depend on";
            }
            if (!rule.empty()) {
                ++violations;
                std::cout << fs::relative(file, root).string() << ':' << lineNo << ": forbidden include <" << inc
                          << "> in " << fs::relative(unit->dir, root).string() << ": " << rule << '\n';
            }
        }
    }
    std::cout << "layering-check: " << units.size() << " folders, " << checked << " files, " << violations
              << " violation(s)\n";
    return violations == 0 ? 0 : 1;
}
