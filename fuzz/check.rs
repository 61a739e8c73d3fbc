//! The properties each case must hold. A check returns `Err(why)` for a
//! broken property; a panic inside it is caught by the runner and counts
//! as a failure too. Uses only the library's public API.

use crate::gen::{self, Case, Target};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use tk::codec::{decode, decode_canonical, decode_toml, encode, DecodeError};
use tk::merge::{merge_config, merge_tickets, ConfigSide, TicketMerge};
use tk::model::{
    check_attachment_name, Action, Changes, Event, IdGenerator, Ticket, TicketId, Timestamp,
    MAX_CLOCK,
};
use tk::team::TeamConfig;

/// Runs the checks of `case`.
pub fn run(case: &Case) -> Result<(), String> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(case.check_seed);
    match case.target {
        Target::Decode => {
            if let Some(ticket) = decoded(&case.inputs[0])? {
                round_trip(&ticket, "decoded file")?;
            }
            Ok(())
        }
        Target::Record => {
            let Ok(text) = std::str::from_utf8(&case.inputs[0]) else {
                return Ok(());
            };
            let Ok(file) = decode(text) else {
                return Ok(());
            };
            // A write happens "now", which is after anything in the file
            // a sane clock wrote; record as the write path does.
            let now = Timestamp::from_unix(1_800_000_000.max(file.ticket.state().updated.unix()));
            let mut ids = IdGenerator::from_seed(rng.random());
            // A state edited outside tk becomes events first, as the store
            // reconciles a hand edit before a write.
            let mut ticket = file.ticket;
            if !file.written.eq(ticket.state()) {
                for action in ticket.actions_towards(&file.written) {
                    if ticket.next_clock() > MAX_CLOCK {
                        return Ok(());
                    }
                    let event = tk::model::Event {
                        id: ids.event_id(),
                        clock: 0,
                        at: now,
                        by: "Hand Edit <edit@example.com>".into(),
                        action,
                    };
                    let _refused = ticket.record(event);
                }
                if !written(&ticket, "ticket after reconciling a hand edit", true)? {
                    return Ok(());
                }
            }
            for _ in 0..rng.random_range(1..4) {
                // A ticket whose clock reached the ceiling takes no more
                // events: the store's read-back check refuses the write,
                // as docs/reliability.md says (found by the fuzzer).
                if ticket.next_clock() > MAX_CLOCK {
                    break;
                }
                let event = gen::write_event(&mut rng, &mut ids, now);
                if ticket.record(event).is_ok()
                    && !written(&ticket, "ticket after a recorded change", true)?
                {
                    break;
                }
            }
            Ok(())
        }
        Target::Replay => {
            let text = String::from_utf8_lossy(&case.inputs[0]);
            let ticket = decode(&text)
                .map_err(|e| format!("a generated ticket does not decode: {e}"))?
                .ticket;
            let mut events = ticket.events().to_vec();
            events.shuffle(&mut rng);
            let duplicates: Vec<_> = events
                .iter()
                .filter(|_| rng.random_bool(0.3))
                .cloned()
                .collect();
            events.extend(duplicates);
            let replayed = Ticket::replay(ticket.id().clone(), events)
                .map_err(|e| format!("a shuffled timeline with duplicates does not replay: {e}"))?;
            if replayed != ticket {
                return Err("replay depends on the order or repetition of events".into());
            }
            // Thinning the timeline (dropping non-create events) must
            // replay, whatever it does to the state.
            let kept: Vec<_> = ticket
                .events()
                .iter()
                .enumerate()
                .filter(|(n, _)| *n == 0 || rng.random_bool(0.6))
                .map(|(_, e)| e.clone())
                .collect();
            let thinned = Ticket::replay(ticket.id().clone(), kept)
                .map_err(|e| format!("a thinned timeline does not replay: {e}"))?;
            round_trip(&thinned, "thinned ticket")
        }
        Target::Merge => merge(case),
        Target::Config => config(case),
        Target::Mail => mail(case),
    }
}

/// Decodes a file: `Ok(None)` when tk refuses it (a refusal is fine, a
/// panic is not), `Ok(Some)` with the replayed ticket otherwise. Checks on
/// the way that the fast reader of canonical files declines it or reads it
/// exactly as the `toml` crate does.
fn decoded(bytes: &[u8]) -> Result<Option<Ticket>, String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(None);
    };
    let full = decode_toml(text);
    if let Some(fast) = decode_canonical(text) {
        let same = match (&fast, &full) {
            (Ok(fast), Ok(full)) => fast.ticket == full.ticket && fast.written == full.written,
            (Err(fast), Err(full)) => fast.to_string() == full.to_string(),
            _ => false,
        };
        if !same {
            return Err(format!(
                "the fast reader disagrees with the toml crate: fast {:?}, toml {:?}",
                fast.map(|d| d.ticket),
                full.map(|d| d.ticket)
            ));
        }
    }
    Ok(full.ok().map(|d| d.ticket))
}

/// Checks that a ticket tk holds is one it can write and read back: the
/// encoding parses as plain TOML, decodes to the same ticket with a
/// consistent state, and encodes to the same bytes again (canonical).
fn round_trip(ticket: &Ticket, what: &str) -> Result<(), String> {
    written(ticket, what, false).map(|_| ())
}

/// Like [`round_trip`] for a ticket a write or a merge just produced: when
/// its file is over a documented limit (size, events, a title, the clock
/// ceiling), the write path's read-back check refuses to commit it, which
/// is the documented outcome; returns `Ok(false)` then.
fn written(ticket: &Ticket, what: &str, over_limit_is_refused: bool) -> Result<bool, String> {
    let text = encode(ticket);
    if let Err(e) = text.parse::<toml::Table>() {
        return Err(format!(
            "{what}: the encoding is not TOML: {}",
            e.message().trim()
        ));
    }
    let back = match decode(&text) {
        Ok(back) => back,
        Err(DecodeError::Limit(_)) if over_limit_is_refused => return Ok(false),
        Err(e) => return Err(format!("{what}: tk refuses its own encoding: {e}")),
    };
    if decode_canonical(&text).is_none() {
        return Err(format!(
            "{what}: the fast reader declines tk's own encoding"
        ));
    }
    if !back.is_consistent() {
        return Err(format!("{what}: the encoded state differs from its replay"));
    }
    if back.ticket != *ticket {
        return Err(format!("{what}: decode(encode(t)) != t"));
    }
    if encode(&back.ticket) != text {
        return Err(format!("{what}: encoding is not canonical"));
    }
    Ok(true)
}

/// The canonical form of a merge outcome, for comparisons.
fn outcome(merge: &TicketMerge) -> Vec<String> {
    match merge {
        TicketMerge::Merged { ticket, .. } => vec![encode(ticket)],
        TicketMerge::Split { kept, moved } => vec![encode(kept), encode(moved)],
    }
}

fn merged(merge: TicketMerge) -> Option<Ticket> {
    match merge {
        TicketMerge::Merged { ticket, .. } => Some(*ticket),
        TicketMerge::Split { .. } => None,
    }
}

/// Merges three versions of a ticket (those that decode and share an id).
fn merge(case: &Case) -> Result<(), String> {
    let mut versions = Vec::new();
    for bytes in &case.inputs {
        if let Some(t) = decoded(bytes)? {
            versions.push(t);
        }
    }
    if let Some(first) = versions.first().map(|t| t.id().clone()) {
        versions.retain(|t| *t.id() == first);
    }
    for v in &versions {
        let same = outcome(&merge_tickets(v, v));
        if same != [encode(v)] {
            return Err("merge is not idempotent: merge(a, a) != a".into());
        }
    }
    for (i, a) in versions.iter().enumerate() {
        for b in &versions[i + 1..] {
            let ab = merge_tickets(a, b);
            if outcome(&ab) != outcome(&merge_tickets(b, a)) {
                return Err("merge is not commutative: merge(a, b) != merge(b, a)".into());
            }
            match &ab {
                TicketMerge::Merged { ticket, .. } => {
                    // A union over a limit is not written: sync keeps both
                    // versions instead.
                    written(ticket, "merged ticket", true)?;
                    for e in a.events().iter().chain(b.events()) {
                        if !ticket.events().iter().any(|m| m.id == e.id) {
                            return Err(format!("merge lost event {}", e.id));
                        }
                    }
                    if outcome(&merge_tickets(ticket, b)) != outcome(&ab) {
                        return Err(
                            "merge is not idempotent: merge(merge(a, b), b) != merge(a, b)".into(),
                        );
                    }
                }
                TicketMerge::Split { kept, moved } => {
                    round_trip(kept, "kept side of a split")?;
                    round_trip(moved, "moved side of a split")?;
                }
            }
        }
    }
    if let [a, b, c] = &versions[..] {
        let left = merged(merge_tickets(a, b)).map(|ab| merge_tickets(&ab, c));
        let right = merged(merge_tickets(b, c)).map(|bc| merge_tickets(a, &bc));
        if let (Some(left), Some(right)) = (left, right) {
            if outcome(&left) != outcome(&right) {
                return Err(
                    "merge is not associative: merge(merge(a, b), c) != merge(a, merge(b, c))"
                        .into(),
                );
            }
        }
    }
    Ok(())
}

/// Parses each `tk.toml` version and merges the two sides over the base.
fn config(case: &Case) -> Result<(), String> {
    let texts: Vec<Option<&str>> = case
        .inputs
        .iter()
        .map(|b| std::str::from_utf8(b).ok())
        .collect();
    for text in texts.iter().flatten() {
        if let Ok(config) = TeamConfig::parse(Some(text)) {
            let written = config.to_toml();
            let back = TeamConfig::parse(Some(&written))
                .map_err(|e| format!("tk refuses the tk.toml it writes: {e}"))?;
            if back != config {
                return Err("tk.toml does not round-trip through to_toml".into());
            }
        }
    }
    let base = texts[0];
    let a = ConfigSide {
        text: texts[1],
        time: Timestamp::from_unix(1_800_000_000),
    };
    let b = ConfigSide {
        text: texts[2],
        time: Timestamp::from_unix(1_800_000_060),
    };
    let (ab, _) = merge_config(base, a, b);
    let (ba, _) = merge_config(base, b, a);
    if ab != ba {
        return Err(format!(
            "tk.toml merge is not commutative: {}",
            first_difference(&ab, &ba)
        ));
    }
    let parses = |t: Option<&str>| t.is_some_and(|t| t.parse::<toml::Table>().is_ok());
    if (parses(a.text) || parses(b.text)) && ab.parse::<toml::Table>().is_err() {
        return Err("tk.toml merge wrote text that is not TOML".into());
    }
    Ok(())
}

/// Returns the first line where two texts differ, for failure messages.
fn first_difference(a: &str, b: &str) -> String {
    let line = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or(a.lines().count().min(b.lines().count()));
    let at = |t: &str| {
        t.lines()
            .nth(line)
            .unwrap_or("<end>")
            .chars()
            .take(80)
            .collect::<String>()
    };
    format!("line {}: `{}` vs `{}`", line + 1, at(a), at(b))
}

/// Parses a message as `tk mail ingest` does. A refusal is fine; what
/// parses must be as clean as `ops::mail` relies on (one-line title and
/// sender, no control characters but tab and newline in the text, safe and
/// distinct attachment names, bounded ids), parse the same way twice, and
/// make a ticket (created from the message, then the reply recorded as a
/// comment) that tk writes and reads back, or refuses for a documented
/// limit.
fn mail(case: &Case) -> Result<(), String> {
    let raw = &case.inputs[0];
    let max_size = TeamConfig::default().mail.max_size;
    let Ok(incoming) = tk::mail::parse(raw, max_size) else {
        return Ok(());
    };
    if tk::mail::parse(raw, max_size).as_ref() != Ok(&incoming) {
        return Err("parsing the same message twice gave two results".into());
    }
    let one_line = |what: &str, value: &str| {
        if value.chars().any(|c| c.is_control()) {
            Err(format!("{what} holds a control character: {value:?}"))
        } else {
            Ok(())
        }
    };
    let email = &incoming.from_email;
    one_line("the sender", email)?;
    if !email.contains('@')
        || email.chars().any(char::is_whitespace)
        || *email != email.to_lowercase()
    {
        return Err(format!(
            "the sender is not one lower-case address: {email:?}"
        ));
    }
    if let Some(name) = &incoming.from_name {
        one_line("the sender's name", name)?;
    }
    one_line("the subject", &incoming.subject)?;
    one_line("the title", &incoming.title)?;
    if incoming.title.trim().is_empty() || incoming.title.chars().count() > 200 {
        return Err(format!(
            "the title is empty or too long: {:?}",
            incoming.title
        ));
    }
    for id in std::iter::once(&incoming.message_id).chain(&incoming.references) {
        one_line("a Message-ID", id)?;
        if id.is_empty() || id.chars().count() > 250 || id.contains(['<', '>', ' ']) {
            return Err(format!("a Message-ID is not clean: {id:?}"));
        }
    }
    for (what, text) in [("the text", &incoming.text), ("the reply", &incoming.reply)] {
        if text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            return Err(format!("{what} holds a control character"));
        }
    }
    for (n, part) in incoming.parts.iter().enumerate() {
        check_attachment_name(&part.name)
            .map_err(|e| format!("attachment name {:?} is not safe: {e}", part.name))?;
        if incoming.parts[..n].iter().any(|p| p.name == part.name) {
            return Err(format!("two attachments are named {:?}", part.name));
        }
    }
    let at = incoming.date.unwrap_or(Timestamp::from_unix(1_772_442_000));
    let by = match &incoming.from_name {
        Some(name) => format!("{name} <{email}>"),
        None => email.clone(),
    };
    let mut ids = IdGenerator::from_seed(case.check_seed);
    let create = Event {
        id: ids.event_id(),
        clock: 1,
        at,
        by: by.clone(),
        action: Action::Create(Changes {
            title: Some(incoming.title.clone()),
            description: Some(incoming.text.clone()).filter(|d| !d.trim().is_empty()),
            requester: Some(by.clone()),
            ..Changes::default()
        }),
    };
    let id = TicketId::derived_from(format!("mail:{}", incoming.message_id).as_bytes());
    let Ok(mut ticket) = Ticket::create(id, create) else {
        return Ok(());
    };
    for action in [
        Action::Comment {
            body: incoming.reply.clone(),
            internal: false,
        },
        Action::Received {
            message_id: incoming.message_id.clone(),
            date: incoming.date,
        },
    ] {
        let event = Event {
            id: ids.event_id(),
            clock: 0,
            at,
            by: by.clone(),
            action,
        };
        let _refused = ticket.record(event);
    }
    written(&ticket, "ticket from mail", true).map(|_| ())
}
