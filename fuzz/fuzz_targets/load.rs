//! Arbitrary bytes as a file given to `kz-timeline FILE`: decode, detect the format, read, check,
//! then draw (see `load_and_render`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| kz_timeline_fuzz::load_and_render(data));
