fn main() -> std::process::ExitCode {
    byline::cli::main()
}
