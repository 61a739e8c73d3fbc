//! The fuzzer: mutates real ticket files and `tk.toml` texts and drives
//! decode, the encode round trip, replay, the write path's record and the
//! merges, on stable Rust.
//!
//! ```text
//! cargo run --example fuzz -- [--seconds N] [--cases N] [--seed S] [--out DIR]
//! cargo run --example fuzz -- --seed S --case I     # re-run one case, loudly
//! ```
//!
//! The cases run in a worker process that reports each case's index before
//! running it, so a case that aborts the process (a stack overflow, an
//! allocation failure) or hangs (60 s without progress) is still named; the supervisor restarts
//! the worker after it. Each failure is written to `DIR/<seed>-<case>/`
//! (the inputs and what broke) and the run exits 1. Imports only the
//! library's public API: no git, no CLI.

mod check;
mod gen;
mod mail;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long one case may take before it counts as a hang: long, because a
/// debug build on a loaded machine is slow and a real hang never ends.
const HANG: Duration = Duration::from_secs(60);

/// The stack of the thread running cases: the main thread's on Linux, so a
/// nesting that overflows here overflows `tk` too.
const STACK: usize = 8 * 1024 * 1024;

struct Options {
    seconds: f64,
    cases: u64,
    seed: u64,
    out: PathBuf,
    from: u64,
    one: Option<u64>,
    worker: bool,
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}");
    eprintln!("usage: fuzz [--seconds N] [--cases N] [--seed S] [--out DIR] | --seed S --case I");
    ExitCode::from(2)
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        seconds: 10.0,
        cases: u64::MAX,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_secs()),
        out: PathBuf::from("target/fuzz-failures"),
        from: 0,
        one: None,
        worker: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        let number = |name: &str, text: String| {
            text.parse::<u64>()
                .map_err(|_| format!("{name} takes a whole number, not `{text}`"))
        };
        match arg.as_str() {
            "--seconds" => {
                let text = value("--seconds")?;
                options.seconds = text
                    .parse()
                    .map_err(|_| format!("--seconds takes a number, not `{text}`"))?;
            }
            "--cases" => options.cases = number("--cases", value("--cases")?)?,
            "--seed" => options.seed = number("--seed", value("--seed")?)?,
            "--case" => options.one = Some(number("--case", value("--case")?)?),
            "--from" => options.from = number("--from", value("--from")?)?,
            "--out" => options.out = PathBuf::from(value("--out")?),
            "--worker" => options.worker = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

fn main() -> ExitCode {
    let options = match parse_options() {
        Ok(options) => options,
        Err(problem) => return usage(&problem),
    };
    if let Some(index) = options.one {
        return run_one(options.seed, index);
    }
    if options.worker {
        return worker(&options);
    }
    supervise(&options)
}

/// Runs one case with the default panic hook, for a backtrace.
fn run_one(seed: u64, index: u64) -> ExitCode {
    let case = gen::case(seed, index);
    eprintln!(
        "case {index} of seed {seed}: {} with {} input(s)",
        case.target.name(),
        case.inputs.len()
    );
    match check::run(&case) {
        Ok(()) => {
            eprintln!("passed");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("failed: {why}");
            ExitCode::FAILURE
        }
    }
}

static PANIC: Mutex<String> = Mutex::new(String::new());

/// The worker: runs cases from `--from`, printing `c INDEX SLOT` before each and
/// `f INDEX WHY` for each failure, until the time or case budget is spent;
/// ends with `d`.
fn worker(options: &Options) -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        if let Ok(mut last) = PANIC.lock() {
            *last = format!("panic{place}: {message}");
        }
    }));
    let (seed, from, cases) = (options.seed, options.from, options.cases);
    let deadline = Instant::now() + Duration::from_secs_f64(options.seconds);
    let runner = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let mut out = std::io::stdout().lock();
            let mut index = from;
            while index < cases && Instant::now() < deadline {
                let case = gen::case(seed, index);
                let _ = writeln!(out, "c {index} {}", target_slot(case.target));
                let _ = out.flush();
                let result = std::panic::catch_unwind(|| check::run(&case)).unwrap_or_else(|_| {
                    Err(PANIC
                        .lock()
                        .map(|p| p.clone())
                        .unwrap_or_else(|_| "panic".into()))
                });
                if let Err(why) = result {
                    let _ = writeln!(out, "f {index} {}", why.replace('\n', " "));
                }
                index += 1;
            }
            let _ = writeln!(out, "d");
        })
        .expect("can start the fuzz thread");
    match runner.join() {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// A failure: the case and what broke.
struct Failure {
    index: u64,
    why: String,
}

/// Runs workers until the budget is spent, restarting after a case that
/// kills one, then prints the summary and writes the failing cases.
fn supervise(options: &Options) -> ExitCode {
    let started = Instant::now();
    let budget = Duration::from_secs_f64(options.seconds);
    let mut failures = Vec::new();
    let mut counts = [0u64; gen::Target::ALL.len()];
    let mut next = 0;
    let me = match std::env::current_exe() {
        Ok(me) => me,
        Err(e) => {
            eprintln!("error: cannot find the fuzz binary: {e}");
            return ExitCode::FAILURE;
        }
    };
    while next < options.cases && started.elapsed() < budget {
        let left = budget.saturating_sub(started.elapsed());
        let mut child = match Command::new(&me)
            .args(["--worker", "--seed", &options.seed.to_string()])
            .args(["--from", &next.to_string()])
            .args(["--cases", &options.cases.to_string()])
            .args(["--seconds", &format!("{:.3}", left.as_secs_f64())])
            .stdout(Stdio::piped())
            .stdin(Stdio::null())
            .spawn()
        {
            Ok(child) => child,
            Err(e) => {
                eprintln!("error: cannot start a fuzz worker: {e}");
                return ExitCode::FAILURE;
            }
        };
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut current = None;
        let mut done = false;
        loop {
            match rx.recv_timeout(HANG) {
                Ok(line) => {
                    if let Some(rest) = line.strip_prefix("c ") {
                        let (index, slot) = rest.split_once(' ').unwrap_or((rest, "0"));
                        let index = index.parse::<u64>().expect("the worker prints indices");
                        let slot = slot.parse::<usize>().expect("the worker prints slots");
                        counts[slot.min(counts.len() - 1)] += 1;
                        current = Some(index);
                    } else if let Some(rest) = line.strip_prefix("f ") {
                        let (index, why) = rest.split_once(' ').unwrap_or((rest, ""));
                        failures.push(Failure {
                            index: index.parse().expect("the worker prints indices"),
                            why: why.to_string(),
                        });
                    } else if line == "d" {
                        done = true;
                    }
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    if let Some(index) = current.take() {
                        failures.push(Failure {
                            index,
                            why: format!("hang: no progress in {} s", HANG.as_secs()),
                        });
                        next = index + 1;
                    }
                    break;
                }
            }
        }
        let status = child.wait();
        if done {
            break;
        }
        if let Some(index) = current {
            let why = match status {
                Ok(status) => format!("the process died: {status}"),
                Err(e) => format!("the process died: {e}"),
            };
            failures.push(Failure { index, why });
            next = index + 1;
        } else if next == 0 && current.is_none() {
            eprintln!("error: the fuzz worker produced nothing");
            return ExitCode::FAILURE;
        }
    }
    let total: u64 = counts.iter().sum();
    let per: Vec<String> = gen::Target::ALL
        .iter()
        .map(|t| format!("{} {}", t.name(), counts[target_slot(*t)]))
        .collect();
    println!(
        "fuzz: seed {}: {total} cases in {:.1} s ({}), {} failures",
        options.seed,
        started.elapsed().as_secs_f64(),
        per.join(", "),
        failures.len()
    );
    for failure in &failures {
        let dir = save(&options.out, options.seed, failure);
        println!(
            "failure: case {} ({}): {}\n  inputs: {}\n  re-run: cargo run --example fuzz -- --seed {} --case {}",
            failure.index,
            gen::case(options.seed, failure.index).target.name(),
            failure.why,
            dir.display(),
            options.seed,
            failure.index
        );
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn target_slot(target: gen::Target) -> usize {
    gen::Target::ALL
        .iter()
        .position(|t| *t == target)
        .expect("ALL holds every target")
}

/// Writes a failing case's inputs and verdict under `out`; returns the dir.
fn save(out: &Path, seed: u64, failure: &Failure) -> PathBuf {
    let case = gen::case(seed, failure.index);
    let dir = out.join(format!("{seed}-{}", failure.index));
    let written = std::fs::create_dir_all(&dir).and_then(|()| {
        for (n, input) in case.inputs.iter().enumerate() {
            let name = match case.target {
                gen::Target::Config => format!("tk-{n}.toml"),
                gen::Target::Mail => format!("message-{n}.eml"),
                _ => format!("ticket-{n}.toml"),
            };
            std::fs::write(dir.join(name), input)?;
        }
        std::fs::write(
            dir.join("failure.txt"),
            format!(
                "target: {}\nwhy: {}\nre-run: cargo run --example fuzz -- --seed {seed} --case {}\n",
                case.target.name(),
                failure.why,
                failure.index
            ),
        )
    });
    if let Err(e) = written {
        eprintln!("warning: cannot write {}: {e}", dir.display());
    }
    dir
}
