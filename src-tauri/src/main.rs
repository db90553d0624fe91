//! The Tovon desktop executable.
// No console window beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tovon_desktop::run();
}
