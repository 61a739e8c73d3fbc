//! Case generation: real ticket files and `tk.toml` texts built through the
//! library, and the mutations applied to them.
//!
//! Every case is a pure function of (seed, index), so a failure found in a
//! long run is reproduced by `--seed S --case I` without saving anything.
//! Uses only the library's public API; no git, no files.

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use tk::model::{
    Action, Changes, CloseReason, Event, IdGenerator, Level, LinkRelation, Priority, Span, Ticket,
    TicketType, Timestamp,
};
use tk::team::TeamConfig;

/// What one case exercises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Decode a mutated file; round-trip what decodes.
    Decode,
    /// Decode a mutated file, record a change as a write would, and check
    /// that the result is a file tk reads back.
    Record,
    /// Replay a shuffled, duplicated, thinned timeline.
    Replay,
    /// Merge three versions of one ticket: total, commutative,
    /// associative, idempotent, nothing lost.
    Merge,
    /// Parse and merge mutated `tk.toml` texts.
    Config,
    /// Parse a mutated mail message as `tk mail ingest` does; what parses
    /// is clean and makes a ticket tk can write and read back.
    Mail,
}

impl Target {
    /// Every target, in the order the summary lists them.
    pub const ALL: [Target; 6] = [
        Target::Decode,
        Target::Record,
        Target::Replay,
        Target::Merge,
        Target::Config,
        Target::Mail,
    ];

    /// Returns the target's name, used in the summary and failure paths.
    pub fn name(self) -> &'static str {
        match self {
            Target::Decode => "decode",
            Target::Record => "record",
            Target::Replay => "replay",
            Target::Merge => "merge",
            Target::Config => "config",
            Target::Mail => "mail",
        }
    }
}

/// One generated case: the target and its input files (raw bytes, since a
/// mutation may leave invalid UTF-8).
pub struct Case {
    /// What the case exercises.
    pub target: Target,
    /// The inputs: one file, or the versions to merge.
    pub inputs: Vec<Vec<u8>>,
    /// The seed of the case's own generator, for choices made while
    /// checking (which events to drop, which change to record).
    pub check_seed: u64,
}

/// Returns the generator of case `index` in a run seeded with `seed`.
pub fn case_rng(seed: u64, index: u64) -> StdRng {
    // SplitMix64 of (seed, index): neighbouring cases get unrelated streams.
    let mut z = seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    StdRng::seed_from_u64(z ^ (z >> 31))
}

/// Returns case `index` of the run seeded with `seed`.
pub fn case(seed: u64, index: u64) -> Case {
    let mut rng = case_rng(seed, index);
    let target = *Target::ALL.choose(&mut rng).expect("ALL is not empty");
    let check_seed = rng.random();
    let inputs = match target {
        Target::Decode | Target::Record => {
            let base = encode(&ticket(&mut rng, 0));
            let donor = encode(&ticket(&mut rng, 1));
            vec![mutate_n(&mut rng, base.into_bytes(), donor.as_bytes())]
        }
        Target::Replay => vec![encode(&ticket(&mut rng, 0)).into_bytes()],
        Target::Merge => versions(&mut rng),
        Target::Config => {
            let base = config_text(&mut rng);
            let mut sides = vec![base.clone().into_bytes()];
            for _ in 0..2 {
                let mut text = base.clone().into_bytes();
                if rng.random_bool(0.8) {
                    let donor = config_text(&mut rng);
                    text = mutate_n(&mut rng, text, donor.as_bytes());
                }
                sides.push(text);
            }
            sides
        }
        Target::Mail => {
            let base = crate::mail::message(&mut rng);
            if rng.random_bool(0.7) {
                let donor = crate::mail::message(&mut rng);
                vec![mutate_n(&mut rng, base, &donor)]
            } else {
                vec![base]
            }
        }
    };
    Case {
        target,
        inputs,
        check_seed,
    }
}

fn encode(ticket: &Ticket) -> String {
    tk::codec::encode(ticket)
}

/// The first instant any generated ticket uses: 2026-03-02T09:00:00Z.
const T0: i64 = 1_772_442_000;

/// Returns a value for a free-text field: mostly plain, sometimes the
/// characters that break naive writers (quotes, newlines, controls, NUL,
/// bidi overrides, zero-width, astral characters, long runs).
fn text(rng: &mut StdRng) -> String {
    const PLAIN: &[&str] = &[
        "VPN drops every 10 minutes",
        "Printer on floor 3",
        "ana@example.com",
        "Needs a new laptop",
        "",
        " ",
    ];
    const ODD: &[&str] = &[
        "quote \" and ' and ''' and \"\"\"",
        "back\\slash \\u0000 \\n",
        "line\nbreak\r\nand\ttab",
        "nul\u{0}inside",
        "esc \u{1b}[31mred\u{7}",
        "bidi a\u{202e}txt.exe",
        "zero\u{200b}width\u{feff}",
        "astral \u{1f600} \u{10ffff}",
        "[[events]]\nid = \"x\"",
        "key = \"value\"",
        "\u{7f}\u{80}\u{9f}",
    ];
    match rng.random_range(0..40) {
        0..=25 => PLAIN.choose(rng).expect("not empty").to_string(),
        26..=38 => ODD.choose(rng).expect("not empty").to_string(),
        _ => "x".repeat(rng.random_range(1000..20_000)),
    }
}

fn person(rng: &mut StdRng) -> String {
    [
        "Ana Lima <ana@example.com>",
        "Bo <bo@example.com>",
        "Cy Young <cy@example.com>",
        "me",
        "x <>",
    ]
    .choose(rng)
    .expect("not empty")
    .to_string()
}

fn level(rng: &mut StdRng) -> Level {
    *Level::ALL.choose(rng).expect("not empty")
}

fn changes(rng: &mut StdRng) -> Changes {
    let mut c = Changes::default();
    let p = 0.3;
    if rng.random_bool(0.5) {
        c.title = Some(text(rng));
    }
    if rng.random_bool(p) {
        c.ticket_type = TicketType::ALL.choose(rng).cloned();
    }
    if rng.random_bool(p) {
        c.impact = Some(level(rng));
    }
    if rng.random_bool(p) {
        c.urgency = Some(level(rng));
    }
    if rng.random_bool(p) {
        c.priority = Priority::ALL.choose(rng).copied();
    }
    if rng.random_bool(p) {
        c.category = Some(text(rng));
    }
    if rng.random_bool(p) {
        c.tags = Some((0..rng.random_range(0..4)).map(|_| text(rng)).collect());
    }
    if rng.random_bool(p) {
        c.description = Some(text(rng));
    }
    if rng.random_bool(p) {
        c.requester = Some(person(rng));
    }
    if rng.random_bool(p) {
        c.requester_phone = Some(text(rng));
    }
    if rng.random_bool(p) {
        let span = ["15m", "4h", "1d4h", "1w"]
            .choose(rng)
            .and_then(|s| s.parse::<Span>().ok());
        c.response_target = Some(span);
    }
    c
}

fn action(rng: &mut StdRng, ids: &mut IdGenerator) -> Action {
    match rng.random_range(0..17) {
        0 | 1 => Action::Set(changes(rng)),
        2 => Action::Assign {
            assignee: person(rng),
        },
        3 => Action::Unassign,
        4..=6 => Action::Comment {
            body: text(rng),
            internal: rng.random_bool(0.3),
        },
        7 => Action::Start,
        8 => Action::Wait {
            reason: rng.random_bool(0.5).then(|| text(rng)),
        },
        9 => Action::Resolve { summary: text(rng) },
        10 => Action::Close {
            reason: rng
                .random_bool(0.5)
                .then(|| *CloseReason::ALL.choose(rng).expect("not empty")),
            note: rng.random_bool(0.3).then(|| text(rng)),
        },
        11 => Action::Reopen {
            reason: rng.random_bool(0.5).then(|| text(rng)),
        },
        12 => Action::Rate {
            score: rng.random_range(1..=5),
            comment: rng.random_bool(0.5).then(|| text(rng)),
            on_behalf: rng.random_bool(0.5),
        },
        13 => Action::Link {
            relation: *LinkRelation::ALL.choose(rng).expect("not empty"),
            target: ids.ticket_id(),
        },
        14 => Action::Watch { who: person(rng) },
        15 => Action::Unwatch { who: person(rng) },
        _ => Action::Attach {
            name: ["log.txt", "screen shot.png", "a.b.c"]
                .choose(rng)
                .expect("not empty")
                .to_string(),
            size: rng.random_range(0..10_000_000),
        },
    }
}

/// Returns a real ticket: created, then up to 12 changes recorded the way
/// the write path records them (the lifecycle refuses some; those are
/// skipped, as a command would refuse them).
fn ticket(rng: &mut StdRng, salt: u64) -> Ticket {
    let mut ids = IdGenerator::from_seed(rng.random::<u64>() ^ salt);
    let id = ids.ticket_id();
    let create = Event {
        id: ids.event_id(),
        clock: 1,
        at: Timestamp::from_unix(T0),
        by: person(rng),
        action: Action::Create(Changes {
            title: Some(text(rng)),
            // Only a create sets the assignee as a field; later changes
            // are assign events.
            assignee: rng.random_bool(0.3).then(|| person(rng)),
            ..changes(rng)
        }),
    };
    let mut ticket = Ticket::create(id.clone(), create.clone()).expect("a create event replays");
    if !writable(&ticket) {
        // Over a limit (a long title, say): `tk new` would refuse it, so
        // report the ticket with the plain values a command accepts.
        let plain = Event {
            action: Action::Create(Changes {
                title: Some("Printer on floor 3".into()),
                ..Changes::default()
            }),
            ..create
        };
        ticket = Ticket::create(id, plain).expect("a create event replays");
    }
    grow(rng, &mut ticket, &mut ids, 12);
    ticket
}

/// Returns whether the write path would commit `ticket`: it reads every
/// file back before committing, and refuses what does not decode.
fn writable(ticket: &Ticket) -> bool {
    tk::codec::decode(&encode(ticket)).is_ok()
}

/// Records up to `max` random changes on `ticket`.
pub fn grow(rng: &mut StdRng, ticket: &mut Ticket, ids: &mut IdGenerator, max: usize) {
    let mut at = ticket.state().updated.unix();
    for _ in 0..rng.random_range(0..=max) {
        at += rng.random_range(0..7200);
        let event = Event {
            id: ids.event_id(),
            clock: 0,
            at: Timestamp::from_unix(at),
            by: person(rng),
            action: action(rng, ids),
        };
        // Record as a command would: the lifecycle may refuse the event,
        // and the write path refuses a result it cannot read back (a value
        // over a documented limit); either way nothing changes.
        let before = ticket.clone();
        if ticket.record(event).is_ok() && !writable(ticket) {
            *ticket = before;
        }
    }
}

/// Returns three versions of one ticket as files: a common base grown
/// independently on each side (concurrent changes share clocks), some of
/// them mutated as text, and some carrying an event of another side with
/// a different time or body under the same id (which plain-git edits can
/// produce).
fn versions(rng: &mut StdRng) -> Vec<Vec<u8>> {
    let base = ticket(rng, 2);
    let mut sides: Vec<Ticket> = (0..3u64)
        .map(|side| {
            let mut t = base.clone();
            let mut ids = IdGenerator::from_seed(rng.random::<u64>() ^ (side << 32));
            grow(rng, &mut t, &mut ids, 6);
            t
        })
        .collect();
    if rng.random_bool(0.1) {
        // Another ticket created under the same id on one side (random
        // ids make it practically impossible; a copied file does not).
        let side = rng.random_range(0..3);
        let stranger = ticket(rng, 3);
        if let Ok(t) = Ticket::replay(base.id().clone(), stranger.events().to_vec()) {
            sides[side] = t;
        }
    }
    if rng.random_bool(0.2) {
        // Same event id, different content, on another side.
        let from = rng.random_range(0..3);
        let to = (from + 1) % 3;
        let events = sides[from].events().to_vec();
        if let Some(event) = events.choose(rng) {
            let mut twin = event.clone();
            match rng.random_range(0..3) {
                0 => twin.at = Timestamp::from_unix(twin.at.unix() + rng.random_range(-3600..3600)),
                1 => twin.clock = sides[to].next_clock().min(twin.clock + 1),
                _ => twin.by = person(rng),
            }
            let mut events = sides[to].events().to_vec();
            events.push(twin);
            if let Ok(t) = Ticket::replay(sides[to].id().clone(), events) {
                sides[to] = t;
            }
        }
    }
    sides
        .iter()
        .map(|t| {
            let bytes = encode(t).into_bytes();
            if rng.random_bool(0.15) {
                let donor = encode(&base);
                mutate(rng, bytes, donor.as_bytes())
            } else {
                bytes
            }
        })
        .collect()
}

/// Returns a `tk.toml` text: the defaults, with members, business hours
/// and SLA keys sometimes added.
fn config_text(rng: &mut StdRng) -> String {
    let mut text = TeamConfig::default().to_toml();
    if rng.random_bool(0.5) {
        for n in 0..rng.random_range(1..5) {
            text.push_str(&format!(
                "\n[members.\"m{n}@example.com\"]\nname = \"{}\"\nskills = [\"network\"]\n",
                ["M", "Ana", "Bo \\\" Q"].choose(rng).expect("not empty")
            ));
        }
    }
    if rng.random_bool(0.3) {
        text.push_str(
            "\n[business_hours]\ntimezone = \"Europe/Paris\"\ndays = [\"mon\", \"tue\"]\nstart = \"09:00\"\nend = \"17:00\"\n",
        );
    }
    text
}

/// The largest input a mutation grows a file to.
const MAX_INPUT: usize = 4 * 1024 * 1024;

/// Applies one to four mutations, keeping the result under [`MAX_INPUT`].
fn mutate_n(rng: &mut StdRng, mut bytes: Vec<u8>, donor: &[u8]) -> Vec<u8> {
    for _ in 0..rng.random_range(1..=4) {
        bytes = mutate(rng, bytes, donor);
        bytes.truncate(MAX_INPUT);
    }
    bytes
}

/// Numbers that sit on a boundary of some integer type or of TOML.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "255",
    "256",
    "-129",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "1e308",
    "-0.0",
    "nan",
    "inf",
    "0x10",
    "1_000",
    "true",
    "\"1\"",
];

/// Dates at the edges of what tk, chrono and TOML accept.
const DATES: &[&str] = &[
    "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-23:59",
    "1969-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "-262143-01-01T00:00:00Z",
    "+262142-12-31T23:59:59Z",
    "2026-02-30T00:00:00Z",
    "2026-03-02T24:00:00Z",
    "2026-03-02T09:00:60Z",
    "2026-03-02T09:00:00.999999999+14:00",
    "2026-03-02 09:00:00Z",
    "2026-03-02",
    "",
];

/// Returns the byte ranges of every `"…"` basic string on one line.
fn strings(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate() {
        match (start, b) {
            (_, b'\n') => start = None,
            (None, b'"') => start = Some(i + 1),
            (Some(s), b'"') if !escaped => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
        escaped = b == b'\\' && !escaped;
    }
    out
}

/// Returns the byte ranges of every run of ASCII digits.
fn numbers(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (start, b.is_ascii_digit()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, bytes.len()));
    }
    out
}

fn splice(bytes: &mut Vec<u8>, (from, to): (usize, usize), with: &[u8]) {
    bytes.splice(from..to, with.iter().copied());
}

/// Applies one mutation: a bit flip, a truncation, a splice from another
/// file, a boundary value, a hostile string, a structural duplicate, or a
/// TOML bomb.
pub fn mutate(rng: &mut StdRng, mut bytes: Vec<u8>, donor: &[u8]) -> Vec<u8> {
    let len = bytes.len();
    let pos = |rng: &mut StdRng, len: usize| rng.random_range(0..=len);
    match rng.random_range(0..16) {
        0 if len > 0 => {
            let i = rng.random_range(0..len);
            bytes[i] ^= 1 << rng.random_range(0..8);
        }
        1 => bytes.truncate(pos(rng, len)),
        2 if !donor.is_empty() => {
            let (a, b) = (pos(rng, donor.len()), pos(rng, donor.len()));
            let at = pos(rng, len);
            splice(&mut bytes, (at, at), &donor[a.min(b)..a.max(b)]);
        }
        3 => {
            let (a, b) = (pos(rng, len), pos(rng, len));
            bytes.drain(a.min(b)..a.max(b));
        }
        4 | 5 => {
            if let Some(&range) = numbers(&bytes).choose(rng) {
                let n = NUMBERS.choose(rng).expect("not empty");
                splice(&mut bytes, range, n.as_bytes());
            }
        }
        6 | 7 => {
            let dates: Vec<_> = strings(&bytes)
                .into_iter()
                .filter(|&(a, b)| b - a >= 10 && bytes[a + 4] == b'-' && bytes[a + 7] == b'-')
                .collect();
            if let Some(&range) = dates.choose(rng) {
                let d = DATES.choose(rng).expect("not empty");
                splice(&mut bytes, range, d.as_bytes());
            }
        }
        8 | 9 => {
            if let Some(&range) = strings(&bytes).choose(rng) {
                let hostile: Vec<u8> = match rng.random_range(0..7) {
                    0 => b"\\u0000".to_vec(),
                    1 => vec![0],
                    2 => vec![0xff, 0xfe, b'a', 0xc3],
                    3 => "x"
                        .repeat(if rng.random_bool(0.05) {
                            1_500_000
                        } else {
                            rng.random_range(1000..50_000)
                        })
                        .into_bytes(),
                    4 => b"\\uD800".to_vec(),
                    5 => "\u{202e}\u{200b}\u{1b}[2J".as_bytes().to_vec(),
                    _ => Vec::new(),
                };
                splice(&mut bytes, range, &hostile);
            }
        }
        10 => {
            // Duplicate an [[events]] block, or a whole line.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let blocks: Vec<usize> = text.match_indices("[[events]]").map(|(i, _)| i).collect();
            if let Some(&start) = blocks.choose(rng) {
                let end = text[start + 1..]
                    .find("[[events]]")
                    .map_or(text.len(), |e| start + 1 + e);
                let block = text[start..end].to_string();
                let mut text = text;
                text.push('\n');
                text.push_str(&block);
                bytes = text.into_bytes();
            }
        }
        11 => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let names = [
                "create", "set", "assign", "comment", "resolve", "close", "rate", "reopen", "wait",
                "link", "attach", "bogus",
            ];
            let actions: Vec<usize> = text.match_indices("action = \"").map(|(i, _)| i).collect();
            if let Some(&at) = actions.choose(rng) {
                let start = at + "action = \"".len();
                let end = text[start..].find('"').map_or(text.len(), |e| start + e);
                let name = names.choose(rng).expect("not empty");
                let mut text = text;
                text.replace_range(start..end, name);
                bytes = text.into_bytes();
            }
        }
        12 => {
            // A TOML bomb: deep nesting, or very many keys.
            let depth = if rng.random_bool(0.1) {
                rng.random_range(10_000..50_000)
            } else {
                rng.random_range(10..2000)
            };
            let bomb = match rng.random_range(0..4) {
                0 => format!("bomb = {}{}\n", "[".repeat(depth), "]".repeat(depth)),
                1 => format!("bomb = {}1{}\n", "{a = ".repeat(depth), "}".repeat(depth)),
                2 => format!(
                    "[{}]\n",
                    (0..depth.min(5000))
                        .map(|_| "a")
                        .collect::<Vec<_>>()
                        .join(".")
                ),
                _ => (0..depth)
                    .map(|n| format!("k{n} = {n}\n"))
                    .collect::<String>(),
            };
            let at = if rng.random_bool(0.5) { 0 } else { len };
            splice(&mut bytes, (at, at), bomb.as_bytes());
        }
        13 => {
            // Many events: the same block repeated with fresh clocks.
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if let Some(start) = text.rfind("[[events]]") {
                let block = text[start..].to_string();
                let mut text = text.clone();
                // Bounded, so that one case stays a case: files beyond a few
                // MB are the limits' business, not the decoder's.
                let most = (MAX_INPUT / block.len().max(1)).max(1);
                for n in 0..rng.random_range(10..500).min(most) {
                    text.push('\n');
                    text.push_str(&block.replacen("clock = ", &format!("clock = {n}"), 1));
                }
                bytes = text.into_bytes();
            }
        }
        14 if len > 0 => {
            // Swap two lines.
            let mut lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
            let (a, b) = (
                rng.random_range(0..lines.len()),
                rng.random_range(0..lines.len()),
            );
            lines.swap(a, b);
            bytes = lines.join(&b'\n');
        }
        _ => {
            let at = pos(rng, len);
            let junk: Vec<u8> = (0..rng.random_range(1..16)).map(|_| rng.random()).collect();
            splice(&mut bytes, (at, at), &junk);
        }
    }
    bytes
}

/// Returns a random recordable event for the write-path check.
pub fn write_event(rng: &mut StdRng, ids: &mut IdGenerator, at: Timestamp) -> Event {
    Event {
        id: ids.event_id(),
        clock: 0,
        at,
        by: person(rng),
        action: if rng.random_bool(0.5) {
            Action::Comment {
                body: text(rng),
                internal: false,
            }
        } else {
            action(rng, ids)
        },
    }
}
