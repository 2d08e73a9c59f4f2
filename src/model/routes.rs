//! Paths and the base the app is served under (`/` locally, `/<repo>/` on
//! GitHub Pages).

use crate::content::lesson_by_slug;

/// The router base for a page whose `<base href>` resolves to `base_path`
/// (the path part of `document.baseURI`). Trunk writes the build's public
/// URL there, so one build knows where it lives without a rebuild.
///
/// `"/attune/"` → `"/attune"`, `"/"` → `""` (the router wants no trailing
/// slash and an empty string for the root).
pub fn router_base(base_path: &str) -> String {
    let trimmed = base_path.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        return String::new();
    }
    // A base is a directory: drop a file name such as `index.html`.
    let dir = match trimmed.rsplit_once('/') {
        Some((dir, last)) if last.contains('.') => dir,
        _ => trimmed,
    };
    if dir.is_empty() {
        String::new()
    } else if dir.starts_with('/') {
        dir.to_string()
    } else {
        format!("/{dir}")
    }
}

// The app paths of the pages (relative to the router base). Each page is a
// folder of the site (`journal/index.html`), and GitHub Pages answers a
// folder's address without its trailing slash with a redirect, an extra
// round trip before anything shows; so every link carries the slash.
// `Route::parse` reads either form.
pub const HOME_PATH: &str = "/";
pub const JOURNAL_PATH: &str = "/journal/";
pub const DATA_PATH: &str = "/data/";
pub const WORKBOOK_PATH: &str = "/workbook/";
pub const ABOUT_PATH: &str = "/about/";

/// The app path of a lesson.
pub fn lesson_path(slug: &str) -> String {
    format!("/lesson/{slug}/")
}

/// The app path of a lesson, scrolled to one section or activity.
pub fn lesson_anchor_path(slug: &str, anchor: &str) -> String {
    format!("/lesson/{slug}/#{anchor}")
}

/// The DOM id used for an activity (check or reflection) so a link can jump
/// to it. Content ids contain dots, which are awkward in CSS selectors.
pub fn activity_anchor(id: &str) -> String {
    format!("q-{}", id.replace('.', "--"))
}

/// The DOM id of a lesson section, used as the link anchor for "Continue".
pub fn section_anchor(id: &str) -> String {
    format!("s-{id}")
}

/// The pages of the app, by app path (the path after the router base).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Lesson(String),
    Journal,
    Data,
    Workbook,
    /// Today's spaced review, and a reflection brought back.
    Review,
    /// The "Where I stand" snapshot.
    WhereIStand,
    /// The closing page: the journey looked back on.
    CourseEnd,
    About,
    /// How to find a therapist, and what to ask at a first call.
    FindingATherapist,
    /// For readers whom neither pattern fits, or who recognise the fearful
    /// one.
    OtherPatterns,
    NotFound,
}

/// The app paths of the learning pages (see `Route`).
pub const REVIEW_PATH: &str = "/review/";
pub const WHERE_I_STAND_PATH: &str = "/where-i-stand/";
pub const COURSE_END_PATH: &str = "/course-end/";

/// The app paths of the course's own guides (see `Route`).
pub const THERAPIST_PATH: &str = "/finding-a-therapist/";
pub const OTHER_PATTERNS_PATH: &str = "/other-patterns/";

impl Route {
    /// The page an app path shows. A trailing slash is ignored; anything
    /// the app does not know, a lesson it does not have included, is
    /// `NotFound`, which helps the reader back.
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = match path.trim_end_matches('/') {
            "" => "/",
            trimmed => trimmed,
        };
        match path {
            "/" | "/index.html" => Route::Home,
            "/journal" => Route::Journal,
            "/data" => Route::Data,
            "/workbook" => Route::Workbook,
            "/about" => Route::About,
            "/review" => Route::Review,
            "/where-i-stand" => Route::WhereIStand,
            "/course-end" => Route::CourseEnd,
            "/finding-a-therapist" => Route::FindingATherapist,
            "/other-patterns" => Route::OtherPatterns,
            // Only the course's own lessons: an unknown one is the page
            // rendered for every unknown address (404.html).
            _ => match path.strip_prefix("/lesson/") {
                Some(slug) if lesson_by_slug(slug).is_some() => Route::Lesson(slug.to_string()),
                _ => Route::NotFound,
            },
        }
    }
}

/// The app path of a URL path under `base` (`"/attune/about"` → `"/about"`),
/// or `None` when the path lies outside the app, so the router leaves a
/// link there to the browser.
///
/// The base matches whatever its case: GitHub Pages serves a project site
/// under its repository's name as GitHub spells it (`/Attune/`), a reader
/// may type it in another case (`/attune/`), and either way the page that
/// arrives says the build's base. The app path itself keeps its case.
pub fn app_path(url_path: &str, base: &str) -> Option<String> {
    let rest = strip_base(url_path, base)?;
    if rest.is_empty() {
        Some("/".to_string())
    } else if rest.starts_with('/') {
        Some(rest.to_string())
    } else {
        // "/attune-other" shares the prefix but is another site.
        None
    }
}

/// The app path to show for the address bar's `url_path`: its app path, or
/// a path outside the app as it is, so the reader sees "not found" rather
/// than the wrong page. Used at start-up and after Back or Forward.
pub fn path_shown(url_path: String, base: &str) -> String {
    app_path(&url_path, base).unwrap_or(url_path)
}

/// The address bar's path spelled with the build's base, when only the
/// base's case differs (`/Attune/about/` for `/attune/about/` in a build
/// under `/Attune/`): the offline copy answers the build's spelling only,
/// so a reload or a bookmark of the address then works offline too.
/// `None` when it is spelled so already, or lies outside the app.
pub fn path_in_build_case(url_path: &str, base: &str) -> Option<String> {
    let rest = strip_base(url_path, base)?;
    let typed = &url_path[..base.len()];
    (typed != base && app_path(url_path, base).is_some()).then(|| format!("{base}{rest}"))
}

/// `url_path` after `base`, the base compared without regard to ASCII
/// case (a repository name has no other letters).
fn strip_base<'a>(url_path: &'a str, base: &str) -> Option<&'a str> {
    let typed = url_path.get(..base.len())?;
    typed
        .eq_ignore_ascii_case(base)
        .then(|| &url_path[base.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_of_a_github_pages_project_site() {
        assert_eq!(router_base("/attune/"), "/attune");
        assert_eq!(router_base("/attune"), "/attune");
        assert_eq!(router_base("/attune/index.html"), "/attune");
    }

    #[test]
    fn base_at_the_root_is_empty() {
        assert_eq!(router_base("/"), "");
        assert_eq!(router_base(""), "");
        assert_eq!(router_base("/index.html"), "");
    }

    #[test]
    fn nested_base_keeps_every_segment() {
        assert_eq!(router_base("/a/b/"), "/a/b");
        assert_eq!(router_base("a/b/"), "/a/b");
    }

    #[test]
    fn lesson_paths() {
        assert_eq!(
            lesson_path("what-attunement-is"),
            "/lesson/what-attunement-is/"
        );
        assert_eq!(lesson_anchor_path("x", "q-x--y"), "/lesson/x/#q-x--y");
        assert_eq!(activity_anchor("lesson.one-two"), "q-lesson--one-two");
        assert_eq!(section_anchor("intro"), "s-intro");
    }

    #[test]
    fn routes_by_path() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("/index.html"), Route::Home);
        assert_eq!(Route::parse("/about"), Route::About);
        assert_eq!(Route::parse("/about/"), Route::About);
        assert_eq!(Route::parse("/journal?x=1"), Route::Journal);
        assert_eq!(Route::parse("/data"), Route::Data);
        assert_eq!(Route::parse("/workbook"), Route::Workbook);
        assert_eq!(Route::parse("/review"), Route::Review);
        assert_eq!(Route::parse("/review/"), Route::Review);
        assert_eq!(Route::parse("/where-i-stand"), Route::WhereIStand);
        assert_eq!(Route::parse("/course-end#how-sure"), Route::CourseEnd);
        assert_eq!(Route::parse(THERAPIST_PATH), Route::FindingATherapist);
        assert_eq!(Route::parse("/other-patterns"), Route::OtherPatterns);
        assert_eq!(
            Route::parse("/lesson/what-attunement-is#s-intro"),
            Route::Lesson("what-attunement-is".to_string())
        );
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for path in [
            "/lesson",
            "/lesson/",
            "/lesson/a/b",
            "/lesson/no-such-lesson",
            "/abouts",
            "/nope",
        ] {
            assert_eq!(Route::parse(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn app_paths_under_a_base() {
        assert_eq!(
            app_path("/attune/about", "/attune").as_deref(),
            Some("/about")
        );
        assert_eq!(app_path("/attune/", "/attune").as_deref(), Some("/"));
        assert_eq!(app_path("/attune", "/attune").as_deref(), Some("/"));
        assert_eq!(app_path("/attune-two/about", "/attune"), None);
        assert_eq!(app_path("/other/about", "/attune"), None);
        assert_eq!(app_path("/about", "").as_deref(), Some("/about"));
        assert_eq!(path_shown("/attune/journal".into(), "/attune"), "/journal");
        assert_eq!(path_shown("/elsewhere".into(), "/attune"), "/elsewhere");
    }

    #[test]
    fn the_base_matches_in_any_case() {
        // Built under the repository's own spelling, typed in lower case.
        assert_eq!(
            app_path("/attune/lesson/x/", "/Attune").as_deref(),
            Some("/lesson/x/")
        );
        assert_eq!(path_shown("/attune/about/".into(), "/Attune"), "/about/");
        assert_eq!(path_shown("/attune".into(), "/Attune"), "/");
        // The other way round, and any mixture.
        assert_eq!(
            path_shown("/Attune/journal/".into(), "/attune"),
            "/journal/"
        );
        assert_eq!(path_shown("/ATTUNE/".into(), "/AtTune"), "/");
        // Only the base: the app path keeps its case, so a slug in
        // capitals is a lesson the course does not have.
        assert_eq!(
            Route::parse(&path_shown(
                "/attune/lesson/What-Attunement-Is/".into(),
                "/Attune"
            )),
            Route::NotFound
        );
        // A site whose name only starts with the same letters is not ours.
        assert_eq!(app_path("/attune-two/about", "/Attune"), None);
        assert_eq!(app_path("/ATTUNEtwo", "/attune"), None);
        // Shorter than the base, or cut inside a character: outside.
        assert_eq!(app_path("/at", "/attune"), None);
        assert_eq!(app_path("/attun\u{e9}/x", "/attune"), None);
    }

    #[test]
    fn the_address_is_spelled_again_with_the_builds_base() {
        assert_eq!(
            path_in_build_case("/attune/lesson/x/", "/Attune").as_deref(),
            Some("/Attune/lesson/x/")
        );
        assert_eq!(
            path_in_build_case("/Attune/", "/attune").as_deref(),
            Some("/attune/")
        );
        // Spelled as built already, at the root, or outside the app.
        assert_eq!(path_in_build_case("/Attune/about/", "/Attune"), None);
        assert_eq!(path_in_build_case("/about/", ""), None);
        assert_eq!(path_in_build_case("/other/about/", "/Attune"), None);
        assert_eq!(path_in_build_case("/attune-two/", "/Attune"), None);
    }
}
