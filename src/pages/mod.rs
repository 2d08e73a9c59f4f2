//! One module a route. Pages read state from context and stay thin.

pub use meta::texts_shown_first;

pub mod about;
pub mod chunks;
pub mod course_end;
pub mod data;
pub mod home;
pub mod journal;
pub mod lesson;
pub mod lesson_end;
pub mod meta;
pub mod not_found;
pub mod other_patterns;
pub mod review;
pub mod stance;
pub mod therapist;
pub mod unlock;
pub mod workbook;
