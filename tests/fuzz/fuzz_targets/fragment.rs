//! The fragment parser on arbitrary text; a fragment that parses goes through the whole
//! pipeline (load, flatten, lower, emit, render) in memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        generator_fuzz_support::fuzz_entry::fragment(text);
    }
});
