//! The names under which Attune keeps things in the browser: one prefix per
//! site, `attune:` and the site's base path (`attune:/attune/progress`), so
//! two builds published on one origin (`you.github.io/attune/` and
//! `you.github.io/attune-next/`) never read, overwrite or block each other.
//! Every key and channel of ours carries it; the offline cache carries the
//! service worker's scope, which is the same path.
//!
//! Builds before this one kept everything under `attune:<name>`, shared by
//! every build on the origin. A build moves those to its own names on its
//! first load, once ([`legacy_moves`]).

/// The reader's progress (answers, reflections, position).
pub const PROGRESS: &str = "progress";
/// Display settings; also read by index.html's pre-paint script.
pub const SETTINGS: &str = "settings";
/// What the first screens show of the progress (`first_screen::glance`).
pub const GLANCE: &str = "glance";
/// Stored data that could not be read, kept before anything was written
/// over it.
pub const KEPT_ASIDE: &str = "backup";
/// The token a tab leaves when the reader deletes everything, which
/// the other tabs check the message against (`sync::Input::DeletedElsewhere`).
pub const DELETED: &str = "deleted";
/// The channel our tabs tell each other "deleted everything" and "locked" on.
pub const CHANNEL: &str = "data";

/// How every key began before keys carried the site's path.
const LEGACY: &str = "attune:";
/// What builds before kept, each moved to this site's own name.
const MOVED: [&str; 4] = [PROGRESS, SETTINGS, GLANCE, KEPT_ASIDE];

/// This site's prefix (see the module comment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefix(String);

impl Prefix {
    /// For a site whose `<base href>` has the path `base_path`: `/attune/`
    /// on a project site, `/` at the root of a domain.
    pub fn new(base_path: &str) -> Self {
        let path = base_path.trim().trim_matches('/');
        if path.is_empty() {
            Prefix(format!("{LEGACY}/"))
        } else {
            Prefix(format!("{LEGACY}/{path}/"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The full key of `name`.
    pub fn key(&self, name: &str) -> String {
        format!("{}{name}", self.0)
    }

    /// Whether `key` is one of this site's. Names have no `/`, so the root
    /// site's `attune:/` does not own `attune:/attune/progress`.
    pub fn owns(&self, key: &str) -> bool {
        key.strip_prefix(self.0.as_str())
            .is_some_and(|name| !name.is_empty() && !name.contains('/'))
    }
}

/// Whether `key` is a key of a build from before keys carried the path.
pub fn is_legacy(key: &str) -> bool {
    key.strip_prefix(LEGACY)
        .is_some_and(|name| !name.is_empty() && !name.starts_with('/'))
}

/// The keys of builds from before to move into this site's names: each
/// one present whose new key is not there yet (`present` says whether a
/// key holds something). Where both are there, the new one is this site's
/// own and the old one is left as it is: another build on the origin may
/// still be reading it.
pub fn legacy_moves(prefix: &Prefix, present: impl Fn(&str) -> bool) -> Vec<(String, String)> {
    MOVED
        .iter()
        .map(|name| (format!("{LEGACY}{name}"), prefix.key(name)))
        .filter(|(old, new)| present(old) && !present(new))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_site_has_its_own_prefix() {
        let attune = Prefix::new("/attune/");
        assert_eq!(attune.key(PROGRESS), "attune:/attune/progress");
        assert_eq!(
            Prefix::new("/attune").key(SETTINGS),
            "attune:/attune/settings"
        );
        assert_eq!(Prefix::new("/").key(PROGRESS), "attune:/progress");
        assert_eq!(Prefix::new("").key(PROGRESS), "attune:/progress");
        assert_eq!(
            Prefix::new("/a/b/").key(CHANNEL),
            "attune:/a/b/data",
            "a site deeper down"
        );
    }

    #[test]
    fn a_site_owns_its_keys_and_no_other_sites() {
        let attune = Prefix::new("/attune/");
        let next = Prefix::new("/attune-next/");
        let root = Prefix::new("/");
        assert!(attune.owns("attune:/attune/progress"));
        assert!(!attune.owns("attune:/attune-next/progress"));
        assert!(!next.owns("attune:/attune/progress"));
        assert!(root.owns("attune:/progress"));
        assert!(!root.owns("attune:/attune/progress"), "a project site's");
        assert!(!attune.owns("attune:/attune/"));
        assert!(!attune.owns("attune:progress"));
    }

    #[test]
    fn legacy_keys_are_told_from_ours() {
        assert!(is_legacy("attune:progress"));
        assert!(is_legacy("attune:backup"));
        assert!(!is_legacy("attune:/attune/progress"));
        assert!(!is_legacy("attune:"));
        assert!(!is_legacy("other:progress"));
    }

    #[test]
    fn what_builds_before_kept_moves_once_and_never_over_our_own() {
        let prefix = Prefix::new("/attune/");
        let stored = [
            "attune:progress",
            "attune:settings",
            "attune:/attune/settings",
        ];
        let moves = legacy_moves(&prefix, |k| stored.contains(&k));
        assert_eq!(
            moves,
            [(
                "attune:progress".to_string(),
                "attune:/attune/progress".to_string()
            )],
            "settings of our own are kept; nothing else was stored"
        );
        // Once moved (the old key removed), nothing moves again.
        let moved = ["attune:/attune/progress", "attune:/attune/settings"];
        assert!(legacy_moves(&prefix, |k| moved.contains(&k)).is_empty());
    }
}
