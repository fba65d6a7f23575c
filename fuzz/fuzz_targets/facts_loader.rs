//! TOML bytes → facts: never panics; every problem's spans lie inside the file on
//! character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks/facts_loader.rs"]
mod check;

fuzz_target!(|data: &[u8]| check::check(data));
