// mimalloc: faster than the system allocator on the loader's many small strings, and with less
// overhead per allocation, which keeps the peak memory of big timelines down (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    kz_timeline::cli::main()
}
