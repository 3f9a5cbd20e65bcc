fn main() -> std::process::ExitCode {
    kz_timeline::cli::main()
}
