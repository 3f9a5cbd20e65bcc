//! Arbitrary bytes read as `--input-format csv`, then drawn (see `load_and_render_as`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kz_timeline_fuzz::load_and_render_as(data, kz_timeline_fuzz::Format::GenericCsv));
