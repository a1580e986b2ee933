//! Arbitrary JSON as the response schema of a one-operation document, through the whole
//! pipeline in memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    generator_fuzz_support::fuzz_entry::schema(data);
});
