
use builtin;
use str;

set edit:completion:arg-completer[tk] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'tk'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'tk'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the tickets ref in this repository'
            cand new 'Report a new ticket and print its id'
            cand list 'List tickets, most urgent first'
            cand ls 'List tickets, most urgent first'
            cand show 'Show a ticket with its comments'
            cand assign 'Assign a ticket to someone'
            cand unassign 'Remove a ticket''s assignee'
            cand comment 'Add a comment to a ticket'
            cand start 'Start work on a ticket (in progress)'
            cand wait 'Put a ticket on hold, waiting for the requester or a third party'
            cand resolve 'Resolve a ticket, writing down the solution'
            cand close 'Close a ticket'
            cand reopen 'Reopen a resolved or closed ticket'
            cand rate 'Rate the service on a resolved or closed ticket'
            cand search 'Search titles, descriptions, comments and resolutions'
            cand set 'Change fields of a ticket'
            cand edit 'Edit a ticket''s fields in $VISUAL or $EDITOR'
            cand log 'Show the history of the tickets ref, or of one ticket'
            cand sync 'Sync tickets with a remote: fetch, merge, push'
            cand config 'Show or change the team configuration (tk.toml on the tickets ref)'
            cand report 'Report on the service: volumes, times, SLA compliance, satisfaction'
            cand escalate 'Escalate a ticket, or every open ticket that missed an SLA target'
            cand team 'Manage the team members tickets are assigned to'
            cand type 'Manage the ticket types the team uses'
            cand group 'Manage assignment groups: who works which tickets'
            cand field 'Manage the team''s custom fields'
            cand completions 'Print a shell completion script'
            cand link 'Link a ticket to another one'
            cand unlink 'Remove a link from a ticket to another one'
            cand watch 'Follow a ticket'
            cand unwatch 'Stop following a ticket'
            cand attach 'Attach files to a ticket'
            cand attachments 'List a ticket''s attachments'
            cand attachment 'Work with one attachment of a ticket'
            cand man 'Print a man page (roff) for tk or one of its commands'
            cand mail 'Take in mail from requesters, and answer them'
            cand view 'Save, list or remove saved `tk list` views'
            cand template 'Save, list, show or remove ticket templates'
            cand export 'Write tickets out in full, as JSON or CSV'
            cand import 'Bring tickets in from a tk export, a CSV file or GitHub issues'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;init'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;new'= {
            cand -m 'The text; `-` reads it from stdin'
            cand --message 'The text; `-` reads it from stdin'
            cand --file 'Read the text from a file'
            cand -t 'incident, request, problem, question, improvement, training or emergency'
            cand --type 'incident, request, problem, question, improvement, training or emergency'
            cand --impact 'How many people or services it affects: low, medium or high'
            cand --urgency 'How soon it hurts: low, medium or high'
            cand --priority 'Override the matrix: critical, high, medium, low or planning'
            cand --category 'Category, e.g. network, hardware, access'
            cand --group 'The group to work it (default: the group that takes its category; "" for none)'
            cand --tag 'A tag (can be repeated)'
            cand --requester 'Who reported it, as "Name <email>" (default: you; on a terminal, asked for with you as the default)'
            cand --assignee 'Assign it right away (`me` for yourself)'
            cand --field 'Set a custom field (tk field list), checked by its kind (can be repeated)'
            cand --parent 'Open it as follow-up work of PARENT (linked child-of, one commit)'
            cand --template 'Open the ticket and its children from the template NAME (one commit; tk template list shows them)'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --auto-assign 'Assign it to the available team member with the category''s skill and the fewest open tickets, within its group (as on tk assign)'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;list'= {
            cand --status 'Only these statuses (comma-separated)'
            cand --assignee 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)'
            cand --type 'Only these types (comma-separated)'
            cand --priority 'Only these priorities (comma-separated)'
            cand --category 'Only these categories (comma-separated)'
            cand --group 'Only tickets of these groups (comma-separated; `none` for tickets without one)'
            cand --tag 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)'
            cand --requester 'Only tickets whose requester''s name or email contains one of these texts (comma-separated)'
            cand --field 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)'
            cand --since 'Only tickets created at or after WHEN'
            cand --until 'Only tickets created before WHEN (a date: up to its end)'
            cand --updated-since 'Only tickets changed at or after WHEN'
            cand --due-within 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h'
            cand --sort 'Sort order [default: priority; for tk search, best match first]'
            cand -n 'Show at most N tickets (after sorting)'
            cand --limit 'Show at most N tickets (after sorting)'
            cand --format 'Output format (--json is the same as --format json)'
            cand --columns 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field'
            cand --view 'Start from the saved view NAME (`tk view list`); flags given here add to it'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --watching 'Only tickets you watch (`tk watch`)'
            cand --all 'Include closed tickets'
            cand --overdue 'Only open tickets past an SLA due time'
            cand --breached 'Only tickets that missed an SLA target (met late or overdue)'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;ls'= {
            cand --status 'Only these statuses (comma-separated)'
            cand --assignee 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)'
            cand --type 'Only these types (comma-separated)'
            cand --priority 'Only these priorities (comma-separated)'
            cand --category 'Only these categories (comma-separated)'
            cand --group 'Only tickets of these groups (comma-separated; `none` for tickets without one)'
            cand --tag 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)'
            cand --requester 'Only tickets whose requester''s name or email contains one of these texts (comma-separated)'
            cand --field 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)'
            cand --since 'Only tickets created at or after WHEN'
            cand --until 'Only tickets created before WHEN (a date: up to its end)'
            cand --updated-since 'Only tickets changed at or after WHEN'
            cand --due-within 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h'
            cand --sort 'Sort order [default: priority; for tk search, best match first]'
            cand -n 'Show at most N tickets (after sorting)'
            cand --limit 'Show at most N tickets (after sorting)'
            cand --format 'Output format (--json is the same as --format json)'
            cand --columns 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field'
            cand --view 'Start from the saved view NAME (`tk view list`); flags given here add to it'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --watching 'Only tickets you watch (`tk watch`)'
            cand --all 'Include closed tickets'
            cand --overdue 'Only open tickets past an SLA due time'
            cand --breached 'Only tickets that missed an SLA target (met late or overdue)'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;show'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --timeline 'Also show the full timeline of events, superseded ones included'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;assign'= {
            cand --group 'Move the ticket to this group (`tk group list`); with --auto-assign, the pick is made among its members'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --auto-assign 'Pick the assignee by skill, availability and workload (as on tk new)'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;unassign'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;comment'= {
            cand -m 'The text; `-` reads it from stdin'
            cand --message 'The text; `-` reads it from stdin'
            cand --file 'Read the text from a file'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --internal 'Mark the comment as internal to the team'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;start'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;wait'= {
            cand -m 'The text; `-` reads it from stdin'
            cand --message 'The text; `-` reads it from stdin'
            cand --file 'Read the text from a file'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;resolve'= {
            cand -m 'The text; `-` reads it from stdin'
            cand --message 'The text; `-` reads it from stdin'
            cand --file 'Read the text from a file'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --cascade 'Also resolve its open children'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;close'= {
            cand --reason 'Why an unresolved ticket is closed'
            cand --duplicate-of 'Close as a duplicate of OTHER, linking to it (implies --reason duplicate)'
            cand -m 'The text; `-` reads it from stdin'
            cand --message 'The text; `-` reads it from stdin'
            cand --file 'Read the text from a file'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --cascade 'Also close its open children (with the same reason, or resolved with it first)'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;reopen'= {
            cand -m 'The text; `-` reads it from stdin'
            cand --message 'The text; `-` reads it from stdin'
            cand --file 'Read the text from a file'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;rate'= {
            cand -m 'The text; `-` reads it from stdin'
            cand --message 'The text; `-` reads it from stdin'
            cand --file 'Read the text from a file'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --on-behalf 'Enter the rating the requester gave you, on their behalf'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;search'= {
            cand --status 'Only these statuses (comma-separated)'
            cand --assignee 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)'
            cand --type 'Only these types (comma-separated)'
            cand --priority 'Only these priorities (comma-separated)'
            cand --category 'Only these categories (comma-separated)'
            cand --group 'Only tickets of these groups (comma-separated; `none` for tickets without one)'
            cand --tag 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)'
            cand --requester 'Only tickets whose requester''s name or email contains one of these texts (comma-separated)'
            cand --field 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)'
            cand --since 'Only tickets created at or after WHEN'
            cand --until 'Only tickets created before WHEN (a date: up to its end)'
            cand --updated-since 'Only tickets changed at or after WHEN'
            cand --due-within 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h'
            cand --sort 'Sort order [default: priority; for tk search, best match first]'
            cand -n 'Show at most N tickets (after sorting)'
            cand --limit 'Show at most N tickets (after sorting)'
            cand --format 'Output format (--json is the same as --format json)'
            cand --columns 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field'
            cand --view 'Start from the saved view NAME (`tk view list`); flags given here add to it'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --watching 'Only tickets you watch (`tk watch`)'
            cand --all 'Include closed tickets'
            cand --overdue 'Only open tickets past an SLA due time'
            cand --breached 'Only tickets that missed an SLA target (met late or overdue)'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;set'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;edit'= {
            cand --from 'Start from the text in FILE (a kept edit) instead of the ticket''s fields'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;log'= {
            cand -n 'Show at most N commits'
            cand --max-count 'Show at most N commits'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;sync'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --check 'Compare with the remote-tracking ref from the last fetch; no network'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;config'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print the configuration in effect, defaults included'
            cand set 'Set one key, e.g. `tk config set sla.high.response 30m`'
            cand edit 'Edit tk.toml in $VISUAL or $EDITOR; an invalid edit commits nothing'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;config;show'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;config;set'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;config;edit'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;config;help'= {
            cand show 'Print the configuration in effect, defaults included'
            cand set 'Set one key, e.g. `tk config set sla.high.response 30m`'
            cand edit 'Edit tk.toml in $VISUAL or $EDITOR; an invalid edit commits nothing'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;config;help;show'= {
        }
        &'tk;config;help;set'= {
        }
        &'tk;config;help;edit'= {
        }
        &'tk;config;help;help'= {
        }
        &'tk;report'= {
            cand --since 'Start of the period: a date, an RFC 3339 time or a span back from now (1w, 30d)'
            cand --until 'End of the period (inclusive for a date)'
            cand --by 'Break the figures down by this field'
            cand --format 'Output format'
            cand -o 'Write the report to FILE instead of stdout'
            cand --output 'Write the report to FILE instead of stdout'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;escalate'= {
            cand --to 'The group it goes to, or who takes it over (`me` for yourself)'
            cand --priority 'The new priority'
            cand -m 'The text; `-` reads it from stdin'
            cand --message 'The text; `-` reads it from stdin'
            cand --file 'Read the text from a file'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --breached 'Escalate every open ticket that missed a target, once per breach'
            cand --auto-assign 'Assign it to a member of the group it goes to, picked by skill, availability and workload (as on tk assign)'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;team'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a member, or update their name and skills'
            cand away 'Mark a member away: auto-assignment skips them'
            cand back 'Mark a member back from being away'
            cand remove 'Remove a member'
            cand list 'List members with their skills and open tickets'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;team;add'= {
            cand --name 'Display name'
            cand --skills 'Skills, matched against ticket categories (comma-separated)'
            cand --max-open 'Auto-assign them at most N open tickets (`none` for no cap)'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;team;away'= {
            cand --until 'The last day away, as YYYY-MM-DD'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;team;back'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;team;remove'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;team;list'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;team;help'= {
            cand add 'Add a member, or update their name and skills'
            cand away 'Mark a member away: auto-assignment skips them'
            cand back 'Mark a member back from being away'
            cand remove 'Remove a member'
            cand list 'List members with their skills and open tickets'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;team;help;add'= {
        }
        &'tk;team;help;away'= {
        }
        &'tk;team;help;back'= {
        }
        &'tk;team;help;remove'= {
        }
        &'tk;team;help;list'= {
        }
        &'tk;team;help;help'= {
        }
        &'tk;type'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a type, or replace the policy of one the team uses'
            cand remove 'Stop using a type; tickets that have it keep it'
            cand list 'List the types with their policies'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;type;add'= {
            cand --min-priority 'The lowest priority its tickets get'
            cand --response 'Its own response target, e.g. 30m (with --resolution)'
            cand --resolution 'Its own resolution target, e.g. 1d (with --response)'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;type;remove'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;type;list'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;type;help'= {
            cand add 'Add a type, or replace the policy of one the team uses'
            cand remove 'Stop using a type; tickets that have it keep it'
            cand list 'List the types with their policies'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;type;help;add'= {
        }
        &'tk;type;help;remove'= {
        }
        &'tk;type;help;list'= {
        }
        &'tk;type;help;help'= {
        }
        &'tk;group'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a group, or update one: the options given replace its values'
            cand remove 'Remove a group; refused while open tickets are in it'
            cand list 'List the groups with their members, categories and open tickets'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;group;add'= {
            cand --members 'Its members, by email; each must be on the team (comma-separated)'
            cand --categories 'Categories whose new tickets go to it (comma-separated)'
            cand --escalate-to 'Where its tickets escalate to: another group or a team member (`none` to remove)'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;group;remove'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;group;list'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;group;help'= {
            cand add 'Add a group, or update one: the options given replace its values'
            cand remove 'Remove a group; refused while open tickets are in it'
            cand list 'List the groups with their members, categories and open tickets'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;group;help;add'= {
        }
        &'tk;group;help;remove'= {
        }
        &'tk;group;help;list'= {
        }
        &'tk;group;help;help'= {
        }
        &'tk;field'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Define a custom field, or replace the definition of one'
            cand remove 'Remove a custom field''s definition'
            cand list 'List the custom fields with their kinds and choices'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;field;add'= {
            cand --kind 'What values it takes: text (up to 1000 characters), number (a decimal like 12 or -3.75), date (YYYY-MM-DD) or choice (one of --choices)'
            cand --choices 'The values of a choice field (comma-separated)'
            cand --description 'What the field is for, shown by tk field list'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;field;remove'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;field;list'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;field;help'= {
            cand add 'Define a custom field, or replace the definition of one'
            cand remove 'Remove a custom field''s definition'
            cand list 'List the custom fields with their kinds and choices'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;field;help;add'= {
        }
        &'tk;field;help;remove'= {
        }
        &'tk;field;help;list'= {
        }
        &'tk;field;help;help'= {
        }
        &'tk;completions'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;link'= {
            cand --as 'relates, duplicates, blocks or caused-by'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;unlink'= {
            cand --as 'Only the link with this relation: relates, duplicates, blocks or caused-by'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;watch'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;unwatch'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;attach'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;attachments'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;attachment'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand get 'Write an attachment''s bytes to a file or stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;attachment;get'= {
            cand -o 'Write to FILE instead of stdout (`-` is stdout)'
            cand --output 'Write to FILE instead of stdout (`-` is stdout)'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;attachment;help'= {
            cand get 'Write an attachment''s bytes to a file or stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;attachment;help;get'= {
        }
        &'tk;attachment;help;help'= {
        }
        &'tk;man'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;mail'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ingest 'Take in mail: one message on stdin, message files, mboxes or Maildirs'
            cand fetch 'Take in the unseen messages of the desk''s IMAP mailbox'
            cand outbox 'List the mails requesters and watchers are owed'
            cand send 'Deliver the mails the outbox lists'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;mail;ingest'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --dry-run 'Say what each message would do and take none in: nothing is committed and no Maildir message moves'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;mail;fetch'= {
            cand --limit 'Take at most N unseen messages (the oldest)'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --dry-run 'Say what each message would do and take none in: nothing is committed and every message stays unseen'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;mail;outbox'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;mail;send'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --dry-run 'Print the mails that would be sent instead of sending them'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;mail;help'= {
            cand ingest 'Take in mail: one message on stdin, message files, mboxes or Maildirs'
            cand fetch 'Take in the unseen messages of the desk''s IMAP mailbox'
            cand outbox 'List the mails requesters and watchers are owed'
            cand send 'Deliver the mails the outbox lists'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;mail;help;ingest'= {
        }
        &'tk;mail;help;fetch'= {
        }
        &'tk;mail;help;outbox'= {
        }
        &'tk;mail;help;send'= {
        }
        &'tk;mail;help;help'= {
        }
        &'tk;view'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand save 'Save (or replace) a view: the `tk list` arguments after `--`'
            cand list 'List the saved views'
            cand remove 'Remove a saved view'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;view;save'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;view;list'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;view;remove'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;view;help'= {
            cand save 'Save (or replace) a view: the `tk list` arguments after `--`'
            cand list 'List the saved views'
            cand remove 'Remove a saved view'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;view;help;save'= {
        }
        &'tk;view;help;list'= {
        }
        &'tk;view;help;remove'= {
        }
        &'tk;view;help;help'= {
        }
        &'tk;template'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Save a template'
            cand list 'List the templates'
            cand show 'Show one template'
            cand remove 'Remove a template'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;template;add'= {
            cand --title 'The parent ticket''s title, unless `tk new` gives one'
            cand -m 'The text; `-` reads it from stdin'
            cand --message 'The text; `-` reads it from stdin'
            cand --file 'Read the text from a file'
            cand -t 'The type of the parent and its children'
            cand --type 'The type of the parent and its children'
            cand --category 'The category of the parent and its children'
            cand --tag 'A tag of the parent and its children (can be repeated)'
            cand --impact 'The impact: low, medium or high'
            cand --urgency 'The urgency: low, medium or high'
            cand --priority 'An explicit priority: critical, high, medium, low or planning'
            cand --child 'A child ticket''s title; `{title}` stands for the parent''s title (can be repeated)'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --force 'Replace a template of the same name'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;template;list'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;template;show'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;template;remove'= {
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;template;help'= {
            cand add 'Save a template'
            cand list 'List the templates'
            cand show 'Show one template'
            cand remove 'Remove a template'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;template;help;add'= {
        }
        &'tk;template;help;list'= {
        }
        &'tk;template;help;show'= {
        }
        &'tk;template;help;remove'= {
        }
        &'tk;template;help;help'= {
        }
        &'tk;export'= {
            cand -o 'Write to FILE instead of stdout (with --json, stdout gets a summary)'
            cand --output 'Write to FILE instead of stdout (with --json, stdout gets a summary)'
            cand --status 'Only these statuses (comma-separated)'
            cand --assignee 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)'
            cand --type 'Only these types (comma-separated)'
            cand --priority 'Only these priorities (comma-separated)'
            cand --category 'Only these categories (comma-separated)'
            cand --group 'Only tickets of these groups (comma-separated; `none` for tickets without one)'
            cand --tag 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)'
            cand --requester 'Only tickets whose requester''s name or email contains one of these texts (comma-separated)'
            cand --field 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)'
            cand --since 'Only tickets created at or after WHEN'
            cand --until 'Only tickets created before WHEN (a date: up to its end)'
            cand --updated-since 'Only tickets changed at or after WHEN'
            cand --due-within 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h'
            cand --sort 'Sort order [default: priority; for tk search, best match first]'
            cand -n 'Show at most N tickets (after sorting)'
            cand --limit 'Show at most N tickets (after sorting)'
            cand --view 'Start from the saved view NAME (`tk view list`); flags given here add to it'
            cand --format 'Output format [default: json]'
            cand --columns 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --watching 'Only tickets you watch (`tk watch`)'
            cand --all 'Include closed tickets'
            cand --overdue 'Only open tickets past an SLA due time'
            cand --breached 'Only tickets that missed an SLA target (met late or overdue)'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;import'= {
            cand --format 'What the file is: json (a tk export), csv or github'
            cand --source 'The repository GitHub issues come from, as OWNER/REPO (needed when gh''s JSON has no `url` field)'
            cand --color 'When to use colours'
            cand -C 'Run as if tk was started in DIR'
            cand --dry-run 'Check every record and print what would be imported; commit nothing'
            cand --json 'Print one JSON document on stdout instead of human output'
            cand --no-input 'Never prompt or open an editor; a missing value is an error'
            cand -q 'Print no status messages on stderr'
            cand --quiet 'Print no status messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tk;help'= {
            cand init 'Create the tickets ref in this repository'
            cand new 'Report a new ticket and print its id'
            cand list 'List tickets, most urgent first'
            cand show 'Show a ticket with its comments'
            cand assign 'Assign a ticket to someone'
            cand unassign 'Remove a ticket''s assignee'
            cand comment 'Add a comment to a ticket'
            cand start 'Start work on a ticket (in progress)'
            cand wait 'Put a ticket on hold, waiting for the requester or a third party'
            cand resolve 'Resolve a ticket, writing down the solution'
            cand close 'Close a ticket'
            cand reopen 'Reopen a resolved or closed ticket'
            cand rate 'Rate the service on a resolved or closed ticket'
            cand search 'Search titles, descriptions, comments and resolutions'
            cand set 'Change fields of a ticket'
            cand edit 'Edit a ticket''s fields in $VISUAL or $EDITOR'
            cand log 'Show the history of the tickets ref, or of one ticket'
            cand sync 'Sync tickets with a remote: fetch, merge, push'
            cand config 'Show or change the team configuration (tk.toml on the tickets ref)'
            cand report 'Report on the service: volumes, times, SLA compliance, satisfaction'
            cand escalate 'Escalate a ticket, or every open ticket that missed an SLA target'
            cand team 'Manage the team members tickets are assigned to'
            cand type 'Manage the ticket types the team uses'
            cand group 'Manage assignment groups: who works which tickets'
            cand field 'Manage the team''s custom fields'
            cand completions 'Print a shell completion script'
            cand link 'Link a ticket to another one'
            cand unlink 'Remove a link from a ticket to another one'
            cand watch 'Follow a ticket'
            cand unwatch 'Stop following a ticket'
            cand attach 'Attach files to a ticket'
            cand attachments 'List a ticket''s attachments'
            cand attachment 'Work with one attachment of a ticket'
            cand man 'Print a man page (roff) for tk or one of its commands'
            cand mail 'Take in mail from requesters, and answer them'
            cand view 'Save, list or remove saved `tk list` views'
            cand template 'Save, list, show or remove ticket templates'
            cand export 'Write tickets out in full, as JSON or CSV'
            cand import 'Bring tickets in from a tk export, a CSV file or GitHub issues'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tk;help;init'= {
        }
        &'tk;help;new'= {
        }
        &'tk;help;list'= {
        }
        &'tk;help;show'= {
        }
        &'tk;help;assign'= {
        }
        &'tk;help;unassign'= {
        }
        &'tk;help;comment'= {
        }
        &'tk;help;start'= {
        }
        &'tk;help;wait'= {
        }
        &'tk;help;resolve'= {
        }
        &'tk;help;close'= {
        }
        &'tk;help;reopen'= {
        }
        &'tk;help;rate'= {
        }
        &'tk;help;search'= {
        }
        &'tk;help;set'= {
        }
        &'tk;help;edit'= {
        }
        &'tk;help;log'= {
        }
        &'tk;help;sync'= {
        }
        &'tk;help;config'= {
            cand show 'Print the configuration in effect, defaults included'
            cand set 'Set one key, e.g. `tk config set sla.high.response 30m`'
            cand edit 'Edit tk.toml in $VISUAL or $EDITOR; an invalid edit commits nothing'
        }
        &'tk;help;config;show'= {
        }
        &'tk;help;config;set'= {
        }
        &'tk;help;config;edit'= {
        }
        &'tk;help;report'= {
        }
        &'tk;help;escalate'= {
        }
        &'tk;help;team'= {
            cand add 'Add a member, or update their name and skills'
            cand away 'Mark a member away: auto-assignment skips them'
            cand back 'Mark a member back from being away'
            cand remove 'Remove a member'
            cand list 'List members with their skills and open tickets'
        }
        &'tk;help;team;add'= {
        }
        &'tk;help;team;away'= {
        }
        &'tk;help;team;back'= {
        }
        &'tk;help;team;remove'= {
        }
        &'tk;help;team;list'= {
        }
        &'tk;help;type'= {
            cand add 'Add a type, or replace the policy of one the team uses'
            cand remove 'Stop using a type; tickets that have it keep it'
            cand list 'List the types with their policies'
        }
        &'tk;help;type;add'= {
        }
        &'tk;help;type;remove'= {
        }
        &'tk;help;type;list'= {
        }
        &'tk;help;group'= {
            cand add 'Add a group, or update one: the options given replace its values'
            cand remove 'Remove a group; refused while open tickets are in it'
            cand list 'List the groups with their members, categories and open tickets'
        }
        &'tk;help;group;add'= {
        }
        &'tk;help;group;remove'= {
        }
        &'tk;help;group;list'= {
        }
        &'tk;help;field'= {
            cand add 'Define a custom field, or replace the definition of one'
            cand remove 'Remove a custom field''s definition'
            cand list 'List the custom fields with their kinds and choices'
        }
        &'tk;help;field;add'= {
        }
        &'tk;help;field;remove'= {
        }
        &'tk;help;field;list'= {
        }
        &'tk;help;completions'= {
        }
        &'tk;help;link'= {
        }
        &'tk;help;unlink'= {
        }
        &'tk;help;watch'= {
        }
        &'tk;help;unwatch'= {
        }
        &'tk;help;attach'= {
        }
        &'tk;help;attachments'= {
        }
        &'tk;help;attachment'= {
            cand get 'Write an attachment''s bytes to a file or stdout'
        }
        &'tk;help;attachment;get'= {
        }
        &'tk;help;man'= {
        }
        &'tk;help;mail'= {
            cand ingest 'Take in mail: one message on stdin, message files, mboxes or Maildirs'
            cand fetch 'Take in the unseen messages of the desk''s IMAP mailbox'
            cand outbox 'List the mails requesters and watchers are owed'
            cand send 'Deliver the mails the outbox lists'
        }
        &'tk;help;mail;ingest'= {
        }
        &'tk;help;mail;fetch'= {
        }
        &'tk;help;mail;outbox'= {
        }
        &'tk;help;mail;send'= {
        }
        &'tk;help;view'= {
            cand save 'Save (or replace) a view: the `tk list` arguments after `--`'
            cand list 'List the saved views'
            cand remove 'Remove a saved view'
        }
        &'tk;help;view;save'= {
        }
        &'tk;help;view;list'= {
        }
        &'tk;help;view;remove'= {
        }
        &'tk;help;template'= {
            cand add 'Save a template'
            cand list 'List the templates'
            cand show 'Show one template'
            cand remove 'Remove a template'
        }
        &'tk;help;template;add'= {
        }
        &'tk;help;template;list'= {
        }
        &'tk;help;template;show'= {
        }
        &'tk;help;template;remove'= {
        }
        &'tk;help;export'= {
        }
        &'tk;help;import'= {
        }
        &'tk;help;help'= {
        }
    ]
    $completions[$command]
}
