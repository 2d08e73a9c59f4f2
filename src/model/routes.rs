//! Paths and the base the app is served under (`/` locally, `/<repo>/` on
//! GitHub Pages).

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

/// The app path of a lesson (relative to the router base).
pub fn lesson_path(slug: &str) -> String {
    format!("/lesson/{slug}")
}

/// The app path of a lesson, scrolled to one section or activity.
pub fn lesson_anchor_path(slug: &str, anchor: &str) -> String {
    format!("/lesson/{slug}#{anchor}")
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
            "/lesson/what-attunement-is"
        );
        assert_eq!(lesson_anchor_path("x", "q-x--y"), "/lesson/x#q-x--y");
        assert_eq!(activity_anchor("lesson.one-two"), "q-lesson--one-two");
        assert_eq!(section_anchor("intro"), "s-intro");
    }
}
