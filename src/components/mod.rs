//! Small view pieces shared by pages.

pub mod backup_download;
pub mod calibration;
pub mod check;
pub mod choice;
pub mod chunk_page;
pub mod confirm;
pub mod course_text;
pub mod download;
pub mod focus;
pub mod follow_ups;
pub mod help;
pub mod layout;
pub mod lesson_text;
pub mod link;
pub mod loading;
pub mod notices;
pub mod prose;
pub mod reflection;
pub mod settings;
pub mod shortcuts;
pub mod stance_chart;
pub mod then_now;
pub mod today;
pub mod update_prompt;
pub mod workbook_download;
