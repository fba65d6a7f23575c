//! Findings → spans: a valid TOM plus arbitrary policy output (subjects and fields that
//! may or may not exist) is mapped to locations without panicking, and every location
//! is inside its file with line/column consistent with the span.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../checks/span_mapping.rs"]
mod check;

fuzz_target!(|data: &[u8]| check::check(data));
