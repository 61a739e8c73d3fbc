//! The ticket page of `tk show`: a heading, the fields, the texts, links,
//! attachments, comments and, on request, the timeline.

use super::describe::describe;
use super::duration::{age, duration, local_time, Precision};
use crate::cli::ui::{one_line, Doc, Paint, Ui};
use crate::model::{human_size, LinkRelation, State, Status, Ticket, Timestamp};
use crate::ops::link::Related;
use crate::sla::{Clock, Sla};

/// Everything the ticket page shows.
pub struct TicketPage<'a> {
    /// The ticket.
    pub ticket: &'a Ticket,
    /// How many characters of its id to show.
    pub short_len: usize,
    /// Its SLA clocks now.
    pub sla: &'a Sla,
    /// Its links in both directions.
    pub related: &'a Related,
    /// Now, for ages and time left.
    pub now: Timestamp,
    /// Whether to add the full timeline.
    pub timeline: bool,
    /// The team: its members' names for the assignee, and its custom
    /// fields (a value of any other name is shown as a removed field).
    pub team: &'a crate::team::TeamConfig,
}

impl TicketPage<'_> {
    /// Returns the page for stdout.
    pub fn render(&self, ui: &Ui) -> Doc {
        let mut out = ui.doc();
        self.fields(&mut out);
        self.texts(&mut out);
        self.custom_fields(&mut out);
        self.links(&mut out);
        self.attachments(&mut out);
        self.comments(&mut out);
        if self.timeline {
            self.timeline(&mut out);
        }
        out
    }

    /// The heading and the `Name: value` lines.
    fn fields(&self, out: &mut Doc) {
        let s = self.ticket.state();
        out.paint(Paint::Strong, s.id.prefix(self.short_len))
            .text("  ")
            .paint(Paint::Strong, one_line(&s.title))
            .text("\n");
        let mut field = |name: &str, value: String| {
            out.text(format_args!("{:<12}{value}\n", format!("{name}:")));
        };
        field("Id", s.id.to_string());
        field("Status", status_line(s));
        field(
            "Priority",
            format!(
                "{} (impact {}, urgency {})",
                s.priority, s.impact, s.urgency
            ),
        );
        field("Type", s.ticket_type.to_string());
        if let Some(category) = &s.category {
            field("Category", one_line(category));
        }
        if let Some(group) = &s.group {
            field("Group", one_line(group));
        }
        if !s.tags.is_empty() {
            field("Tags", one_line(&s.tags.join(", ")));
        }
        if let Some(r) = &s.requester {
            let extras: Vec<&str> = [&r.phone, &r.location, &r.department]
                .into_iter()
                .filter_map(|v| v.as_deref())
                .collect();
            let extra = if extras.is_empty() {
                String::new()
            } else {
                format!(" ({})", extras.join(", "))
            };
            field("Requester", one_line(&format!("{}{extra}", r.display())));
        }
        let assignee = s.assignee.as_deref().map(|a| self.team.person(a));
        field("Assignee", one_line(assignee.as_deref().unwrap_or("-")));
        if !s.watchers.is_empty() {
            field("Watchers", one_line(&s.watchers.join(", ")));
        }
        let now = self.now;
        field(
            "Created",
            format!("{} ({} ago)", local_time(s.created), age(s.created, now)),
        );
        field("Updated", local_time(s.updated));
        if let Some(t) = s.first_response {
            field("Responded", local_time(t));
        }
        if let Some(clock) = &self.sla.response {
            field("Response", clock_text(clock, now));
        }
        if let Some(clock) = &self.sla.resolution {
            let paused = if self.sla.paused {
                " (paused while waiting)"
            } else {
                ""
            };
            field("Resolution", format!("{}{paused}", clock_text(clock, now)));
        }
    }

    /// The description, the resolution and the rating.
    fn texts(&self, out: &mut Doc) {
        let s = self.ticket.state();
        if let Some(description) = &s.description {
            out.text(format_args!("\n{}\n", indent(description)));
        }
        if let Some(r) = &s.resolution {
            out.text("\n")
                .paint(Paint::Strong, "Resolution")
                .text(format_args!(
                    " by {}, {}:\n{}\n",
                    one_line(&r.by),
                    local_time(r.at),
                    indent(&r.summary)
                ));
        }
        if let Some(r) = &s.rating {
            let comment = r
                .comment
                .as_deref()
                .map(|c| format!(": {}", one_line(c)))
                .unwrap_or_default();
            out.text("\n")
                .paint(Paint::Strong, "Rating")
                .text(format_args!(
                    " {}/5 by {}{}{comment}\n",
                    r.score,
                    one_line(&r.by),
                    if r.on_behalf {
                        " for the requester"
                    } else {
                        ""
                    }
                ));
        }
    }

    /// The "Fields" section: the custom fields that have a value.
    fn custom_fields(&self, out: &mut Doc) {
        let fields = &self.ticket.state().fields;
        if fields.is_empty() {
            return;
        }
        out.text("\n").paint(Paint::Strong, "Fields").text("\n");
        let width = fields.keys().map(|n| n.len()).max().unwrap_or(0) + 1;
        for (name, value) in fields {
            out.text(format_args!(
                "  {:<width$} {}",
                format!("{name}:"),
                one_line(value.text())
            ));
            if !self.team.fields.contains_key(name) {
                out.text("  ").paint(Paint::Dim, "(removed field)");
            }
            out.text("\n");
        }
    }

    /// The "Links" and "Linked from" sections.
    fn links(&self, out: &mut Doc) {
        let groups = [
            (
                "Links",
                &self.related.outgoing,
                outgoing_label as fn(_) -> _,
            ),
            ("Linked from", &self.related.incoming, incoming_label),
        ];
        for (heading, ends, label) in groups {
            if ends.is_empty() {
                continue;
            }
            out.text("\n").paint(Paint::Strong, heading).text("\n");
            for end in ends {
                out.text(format_args!(
                    "  {:<18}{}  ",
                    label(end.relation),
                    end.short_id
                ));
                match &end.found {
                    Some((title, status)) => {
                        out.text(format_args!("{:<12}{}", status.as_str(), one_line(title)))
                    }
                    None => out.paint(Paint::Dim, "(not in this clone)"),
                };
                out.text("\n");
            }
        }
    }

    /// The "Attachments" section.
    fn attachments(&self, out: &mut Doc) {
        let attachments = &self.ticket.state().attachments;
        if attachments.is_empty() {
            return;
        }
        out.text("\n")
            .paint(
                Paint::Strong,
                format_args!("Attachments ({})", attachments.len()),
            )
            .text("\n");
        for a in attachments {
            out.text(format_args!(
                "  {}  {}  {}, ",
                one_line(&a.name),
                human_size(a.size),
                one_line(&a.by),
            ))
            .paint(Paint::Dim, local_time(a.at))
            .text("\n");
        }
    }

    /// The comments, oldest first.
    fn comments(&self, out: &mut Doc) {
        let comments: Vec<_> = self.ticket.comments().collect();
        if comments.is_empty() {
            return;
        }
        out.text("\n")
            .paint(Paint::Strong, format_args!("Comments ({})", comments.len()))
            .text("\n");
        for c in comments {
            let internal = if c.internal { " [internal]" } else { "" };
            out.text(format_args!("\n  {} ", one_line(c.by)))
                .paint(Paint::Dim, local_time(c.at))
                .text(format_args!("{internal}\n{}\n", indent(c.body)));
        }
    }

    /// Every event in replay order, superseded ones dimmed.
    fn timeline(&self, out: &mut Doc) {
        out.text("\n").paint(Paint::Strong, "Timeline").text("\n");
        for entry in self.ticket.timeline() {
            let e = entry.event;
            let line = format!(
                "  {:>3}  {}  {}  {}{}",
                e.clock,
                local_time(e.at),
                one_line(&e.by),
                one_line(&describe(&e.action)),
                if entry.superseded {
                    "  (superseded)"
                } else {
                    ""
                }
            );
            if entry.superseded {
                out.paint(Paint::Dim, line);
            } else {
                out.text(line);
            }
            out.text("\n");
        }
    }
}

/// Returns the label of a link seen from the ticket that has it.
fn outgoing_label(relation: LinkRelation) -> &'static str {
    match relation {
        LinkRelation::Relates => "Relates to",
        LinkRelation::Duplicates => "Duplicates",
        LinkRelation::Blocks => "Blocks",
        LinkRelation::CausedBy => "Caused by",
        LinkRelation::ChildOf => "Parent",
    }
}

/// Returns the label of a link seen from the ticket it points at.
fn incoming_label(relation: LinkRelation) -> &'static str {
    match relation {
        LinkRelation::Relates => "Related from",
        LinkRelation::Duplicates => "Duplicated by",
        LinkRelation::Blocks => "Blocked by",
        LinkRelation::CausedBy => "Caused incidents",
        LinkRelation::ChildOf => "Children",
    }
}

/// Returns one SLA clock's line.
fn clock_text(clock: &Clock, now: Timestamp) -> String {
    let span = |seconds: i64| duration(seconds, Precision::Largest);
    let state = match clock.met {
        Some(met) if clock.breached => format!("met {}, late", local_time(met)),
        Some(met) => format!("met {}", local_time(met)),
        None if clock.breached => {
            format!("BREACHED, {} late", span(now.unix() - clock.due.unix()))
        }
        None => format!("{} left", span(clock.due.unix() - now.unix())),
    };
    format!("due {} ({state})", local_time(clock.due))
}

fn status_line(s: &State) -> String {
    match (s.status, s.close_reason) {
        (Status::Closed, Some(reason)) => format!("closed ({reason})"),
        (status, _) => status.to_string(),
    }
}

/// Indents a multi-line text by four spaces.
fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}
