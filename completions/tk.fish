# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tk_global_optspecs
    string join \n json color= no-input q/quiet C= h/help V/version
end

function __fish_tk_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tk_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tk_using_subcommand
    set -l cmd (__fish_tk_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tk -n "__fish_tk_needs_command" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_needs_command" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_needs_command" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_needs_command" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_needs_command" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_needs_command" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_needs_command" -f -a "init" -d 'Create the tickets ref in this repository'
complete -c tk -n "__fish_tk_needs_command" -f -a "new" -d 'Report a new ticket and print its id'
complete -c tk -n "__fish_tk_needs_command" -f -a "list" -d 'List tickets, most urgent first'
complete -c tk -n "__fish_tk_needs_command" -f -a "ls" -d 'List tickets, most urgent first'
complete -c tk -n "__fish_tk_needs_command" -f -a "show" -d 'Show a ticket with its comments'
complete -c tk -n "__fish_tk_needs_command" -f -a "assign" -d 'Assign a ticket to someone'
complete -c tk -n "__fish_tk_needs_command" -f -a "unassign" -d 'Remove a ticket\'s assignee'
complete -c tk -n "__fish_tk_needs_command" -f -a "comment" -d 'Add a comment to a ticket'
complete -c tk -n "__fish_tk_needs_command" -f -a "start" -d 'Start work on a ticket (in progress)'
complete -c tk -n "__fish_tk_needs_command" -f -a "wait" -d 'Put a ticket on hold, waiting for the requester or a third party'
complete -c tk -n "__fish_tk_needs_command" -f -a "resolve" -d 'Resolve a ticket, writing down the solution'
complete -c tk -n "__fish_tk_needs_command" -f -a "close" -d 'Close a ticket'
complete -c tk -n "__fish_tk_needs_command" -f -a "reopen" -d 'Reopen a resolved or closed ticket'
complete -c tk -n "__fish_tk_needs_command" -f -a "rate" -d 'Rate the service on a resolved or closed ticket'
complete -c tk -n "__fish_tk_needs_command" -f -a "search" -d 'Search titles, descriptions, comments and resolutions'
complete -c tk -n "__fish_tk_needs_command" -f -a "set" -d 'Change fields of a ticket'
complete -c tk -n "__fish_tk_needs_command" -f -a "edit" -d 'Edit a ticket\'s fields in $VISUAL or $EDITOR'
complete -c tk -n "__fish_tk_needs_command" -f -a "log" -d 'Show the history of the tickets ref, or of one ticket'
complete -c tk -n "__fish_tk_needs_command" -f -a "sync" -d 'Sync tickets with a remote: fetch, merge, push'
complete -c tk -n "__fish_tk_needs_command" -f -a "config" -d 'Show or change the team configuration (tk.toml on the tickets ref)'
complete -c tk -n "__fish_tk_needs_command" -f -a "report" -d 'Report on the service: volumes, times, SLA compliance, satisfaction'
complete -c tk -n "__fish_tk_needs_command" -f -a "escalate" -d 'Escalate a ticket, or every open ticket that missed an SLA target'
complete -c tk -n "__fish_tk_needs_command" -f -a "team" -d 'Manage the team members tickets are assigned to'
complete -c tk -n "__fish_tk_needs_command" -f -a "type" -d 'Manage the ticket types the team uses'
complete -c tk -n "__fish_tk_needs_command" -f -a "group" -d 'Manage assignment groups: who works which tickets'
complete -c tk -n "__fish_tk_needs_command" -f -a "field" -d 'Manage the team\'s custom fields'
complete -c tk -n "__fish_tk_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c tk -n "__fish_tk_needs_command" -f -a "link" -d 'Link a ticket to another one'
complete -c tk -n "__fish_tk_needs_command" -f -a "unlink" -d 'Remove a link from a ticket to another one'
complete -c tk -n "__fish_tk_needs_command" -f -a "watch" -d 'Follow a ticket'
complete -c tk -n "__fish_tk_needs_command" -f -a "unwatch" -d 'Stop following a ticket'
complete -c tk -n "__fish_tk_needs_command" -f -a "attach" -d 'Attach files to a ticket'
complete -c tk -n "__fish_tk_needs_command" -f -a "attachments" -d 'List a ticket\'s attachments'
complete -c tk -n "__fish_tk_needs_command" -f -a "attachment" -d 'Work with one attachment of a ticket'
complete -c tk -n "__fish_tk_needs_command" -f -a "man" -d 'Print a man page (roff) for tk or one of its commands'
complete -c tk -n "__fish_tk_needs_command" -f -a "mail" -d 'Take in mail from requesters, and answer them'
complete -c tk -n "__fish_tk_needs_command" -f -a "view" -d 'Save, list or remove saved `tk list` views'
complete -c tk -n "__fish_tk_needs_command" -f -a "template" -d 'Save, list, show or remove ticket templates'
complete -c tk -n "__fish_tk_needs_command" -f -a "export" -d 'Write tickets out in full, as JSON or CSV'
complete -c tk -n "__fish_tk_needs_command" -f -a "import" -d 'Bring tickets in from a tk export, a CSV file or GitHub issues'
complete -c tk -n "__fish_tk_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand init" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand init" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand init" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand init" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand init" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand init" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand new" -s m -l message -d 'The text; `-` reads it from stdin' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l file -d 'Read the text from a file' -r -F
complete -c tk -n "__fish_tk_using_subcommand new" -s t -l type -d 'incident, request, problem, question, improvement, training or emergency' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l impact -d 'How many people or services it affects: low, medium or high' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l urgency -d 'How soon it hurts: low, medium or high' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l priority -d 'Override the matrix: critical, high, medium, low or planning' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l category -d 'Category, e.g. network, hardware, access' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l group -d 'The group to work it (default: the group that takes its category; "" for none)' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l tag -d 'A tag (can be repeated)' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l requester -d 'Who reported it, as "Name <email>" (default: you; on a terminal, asked for with you as the default)' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l assignee -d 'Assign it right away (`me` for yourself)' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l field -d 'Set a custom field (tk field list), checked by its kind (can be repeated)' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l parent -d 'Open it as follow-up work of PARENT (linked child-of, one commit)' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l template -d 'Open the ticket and its children from the template NAME (one commit; tk template list shows them)' -r
complete -c tk -n "__fish_tk_using_subcommand new" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand new" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand new" -l auto-assign -d 'Assign it to the available team member with the category\'s skill and the fewest open tickets, within its group (as on tk assign)'
complete -c tk -n "__fish_tk_using_subcommand new" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand new" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand new" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand new" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand list" -l status -d 'Only these statuses (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l assignee -d 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l type -d 'Only these types (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l priority -d 'Only these priorities (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l category -d 'Only these categories (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l group -d 'Only tickets of these groups (comma-separated; `none` for tickets without one)' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l tag -d 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l requester -d 'Only tickets whose requester\'s name or email contains one of these texts (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l field -d 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l since -d 'Only tickets created at or after WHEN' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l until -d 'Only tickets created before WHEN (a date: up to its end)' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l updated-since -d 'Only tickets changed at or after WHEN' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l due-within -d 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l sort -d 'Sort order [default: priority; for tk search, best match first]' -r -f -a "priority\t'Most urgent priority first, then oldest'
due\t'Soonest SLA due time first; tickets without one last'
created\t'Oldest first'
updated\t'Most recently changed first'"
complete -c tk -n "__fish_tk_using_subcommand list" -s n -l limit -d 'Show at most N tickets (after sorting)' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l format -d 'Output format (--json is the same as --format json)' -r -f -a "table\t'Aligned columns, fitted to the terminal'
tsv\t'Tab-separated values with a header line'
csv\t'Comma-separated values (RFC 4180) with a header line'
ids\t'One full id a line, for pipes'
json\t'One JSON array, as --json'"
complete -c tk -n "__fish_tk_using_subcommand list" -l columns -d 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field' -r -f -a "id\t'The short id (the full id in tsv and csv)'
pri\t'The priority'
status\t'The status'
type\t'The ticket type'
age\t'Time since it was created'
due\t'Time left (or late) on the next SLA target'
assignee\t'Who it is assigned to'
title\t'The title'
requester\t'Who asked'
category\t'The category'
group\t'The assignment group'
tags\t'The tags, comma-separated'
created\t'When it was created (RFC 3339)'
updated\t'When it last changed (RFC 3339)'
field.NAME\t'A custom field\'s value (tk field list)'"
complete -c tk -n "__fish_tk_using_subcommand list" -l view -d 'Start from the saved view NAME (`tk view list`); flags given here add to it' -r
complete -c tk -n "__fish_tk_using_subcommand list" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand list" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand list" -l watching -d 'Only tickets you watch (`tk watch`)'
complete -c tk -n "__fish_tk_using_subcommand list" -l all -d 'Include closed tickets'
complete -c tk -n "__fish_tk_using_subcommand list" -l overdue -d 'Only open tickets past an SLA due time'
complete -c tk -n "__fish_tk_using_subcommand list" -l breached -d 'Only tickets that missed an SLA target (met late or overdue)'
complete -c tk -n "__fish_tk_using_subcommand list" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand list" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand list" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand list" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand ls" -l status -d 'Only these statuses (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l assignee -d 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l type -d 'Only these types (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l priority -d 'Only these priorities (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l category -d 'Only these categories (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l group -d 'Only tickets of these groups (comma-separated; `none` for tickets without one)' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l tag -d 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l requester -d 'Only tickets whose requester\'s name or email contains one of these texts (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l field -d 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l since -d 'Only tickets created at or after WHEN' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l until -d 'Only tickets created before WHEN (a date: up to its end)' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l updated-since -d 'Only tickets changed at or after WHEN' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l due-within -d 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l sort -d 'Sort order [default: priority; for tk search, best match first]' -r -f -a "priority\t'Most urgent priority first, then oldest'
due\t'Soonest SLA due time first; tickets without one last'
created\t'Oldest first'
updated\t'Most recently changed first'"
complete -c tk -n "__fish_tk_using_subcommand ls" -s n -l limit -d 'Show at most N tickets (after sorting)' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l format -d 'Output format (--json is the same as --format json)' -r -f -a "table\t'Aligned columns, fitted to the terminal'
tsv\t'Tab-separated values with a header line'
csv\t'Comma-separated values (RFC 4180) with a header line'
ids\t'One full id a line, for pipes'
json\t'One JSON array, as --json'"
complete -c tk -n "__fish_tk_using_subcommand ls" -l columns -d 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field' -r -f -a "id\t'The short id (the full id in tsv and csv)'
pri\t'The priority'
status\t'The status'
type\t'The ticket type'
age\t'Time since it was created'
due\t'Time left (or late) on the next SLA target'
assignee\t'Who it is assigned to'
title\t'The title'
requester\t'Who asked'
category\t'The category'
group\t'The assignment group'
tags\t'The tags, comma-separated'
created\t'When it was created (RFC 3339)'
updated\t'When it last changed (RFC 3339)'
field.NAME\t'A custom field\'s value (tk field list)'"
complete -c tk -n "__fish_tk_using_subcommand ls" -l view -d 'Start from the saved view NAME (`tk view list`); flags given here add to it' -r
complete -c tk -n "__fish_tk_using_subcommand ls" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand ls" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand ls" -l watching -d 'Only tickets you watch (`tk watch`)'
complete -c tk -n "__fish_tk_using_subcommand ls" -l all -d 'Include closed tickets'
complete -c tk -n "__fish_tk_using_subcommand ls" -l overdue -d 'Only open tickets past an SLA due time'
complete -c tk -n "__fish_tk_using_subcommand ls" -l breached -d 'Only tickets that missed an SLA target (met late or overdue)'
complete -c tk -n "__fish_tk_using_subcommand ls" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand ls" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand ls" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand ls" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand show" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand show" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand show" -l timeline -d 'Also show the full timeline of events, superseded ones included'
complete -c tk -n "__fish_tk_using_subcommand show" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand show" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand show" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand show" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand assign" -l group -d 'Move the ticket to this group (`tk group list`); with --auto-assign, the pick is made among its members' -r
complete -c tk -n "__fish_tk_using_subcommand assign" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand assign" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand assign" -l auto-assign -d 'Pick the assignee by skill, availability and workload (as on tk new)'
complete -c tk -n "__fish_tk_using_subcommand assign" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand assign" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand assign" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand assign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand assign" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand unassign" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand unassign" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand unassign" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand unassign" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand unassign" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand unassign" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand unassign" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand comment" -s m -l message -d 'The text; `-` reads it from stdin' -r
complete -c tk -n "__fish_tk_using_subcommand comment" -l file -d 'Read the text from a file' -r -F
complete -c tk -n "__fish_tk_using_subcommand comment" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand comment" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand comment" -l internal -d 'Mark the comment as internal to the team'
complete -c tk -n "__fish_tk_using_subcommand comment" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand comment" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand comment" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand comment" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand comment" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand start" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand start" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand start" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand start" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand start" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand start" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand wait" -s m -l message -d 'The text; `-` reads it from stdin' -r
complete -c tk -n "__fish_tk_using_subcommand wait" -l file -d 'Read the text from a file' -r -F
complete -c tk -n "__fish_tk_using_subcommand wait" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand wait" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand wait" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand wait" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand wait" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand wait" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand resolve" -s m -l message -d 'The text; `-` reads it from stdin' -r
complete -c tk -n "__fish_tk_using_subcommand resolve" -l file -d 'Read the text from a file' -r -F
complete -c tk -n "__fish_tk_using_subcommand resolve" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand resolve" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand resolve" -l cascade -d 'Also resolve its open children'
complete -c tk -n "__fish_tk_using_subcommand resolve" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand resolve" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand resolve" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand resolve" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand close" -l reason -d 'Why an unresolved ticket is closed' -r
complete -c tk -n "__fish_tk_using_subcommand close" -l duplicate-of -d 'Close as a duplicate of OTHER, linking to it (implies --reason duplicate)' -r
complete -c tk -n "__fish_tk_using_subcommand close" -s m -l message -d 'The text; `-` reads it from stdin' -r
complete -c tk -n "__fish_tk_using_subcommand close" -l file -d 'Read the text from a file' -r -F
complete -c tk -n "__fish_tk_using_subcommand close" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand close" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand close" -l cascade -d 'Also close its open children (with the same reason, or resolved with it first)'
complete -c tk -n "__fish_tk_using_subcommand close" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand close" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand close" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand close" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand close" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand reopen" -s m -l message -d 'The text; `-` reads it from stdin' -r
complete -c tk -n "__fish_tk_using_subcommand reopen" -l file -d 'Read the text from a file' -r -F
complete -c tk -n "__fish_tk_using_subcommand reopen" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand reopen" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand reopen" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand reopen" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand reopen" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand reopen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand reopen" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand rate" -s m -l message -d 'The text; `-` reads it from stdin' -r
complete -c tk -n "__fish_tk_using_subcommand rate" -l file -d 'Read the text from a file' -r -F
complete -c tk -n "__fish_tk_using_subcommand rate" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand rate" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand rate" -l on-behalf -d 'Enter the rating the requester gave you, on their behalf'
complete -c tk -n "__fish_tk_using_subcommand rate" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand rate" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand rate" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand rate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand rate" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand search" -l status -d 'Only these statuses (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l assignee -d 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l type -d 'Only these types (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l priority -d 'Only these priorities (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l category -d 'Only these categories (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l group -d 'Only tickets of these groups (comma-separated; `none` for tickets without one)' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l tag -d 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l requester -d 'Only tickets whose requester\'s name or email contains one of these texts (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l field -d 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l since -d 'Only tickets created at or after WHEN' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l until -d 'Only tickets created before WHEN (a date: up to its end)' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l updated-since -d 'Only tickets changed at or after WHEN' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l due-within -d 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l sort -d 'Sort order [default: priority; for tk search, best match first]' -r -f -a "priority\t'Most urgent priority first, then oldest'
due\t'Soonest SLA due time first; tickets without one last'
created\t'Oldest first'
updated\t'Most recently changed first'"
complete -c tk -n "__fish_tk_using_subcommand search" -s n -l limit -d 'Show at most N tickets (after sorting)' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l format -d 'Output format (--json is the same as --format json)' -r -f -a "table\t'Aligned columns, fitted to the terminal'
tsv\t'Tab-separated values with a header line'
csv\t'Comma-separated values (RFC 4180) with a header line'
ids\t'One full id a line, for pipes'
json\t'One JSON array, as --json'"
complete -c tk -n "__fish_tk_using_subcommand search" -l columns -d 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field' -r -f -a "id\t'The short id (the full id in tsv and csv)'
pri\t'The priority'
status\t'The status'
type\t'The ticket type'
age\t'Time since it was created'
due\t'Time left (or late) on the next SLA target'
assignee\t'Who it is assigned to'
title\t'The title'
requester\t'Who asked'
category\t'The category'
group\t'The assignment group'
tags\t'The tags, comma-separated'
created\t'When it was created (RFC 3339)'
updated\t'When it last changed (RFC 3339)'
field.NAME\t'A custom field\'s value (tk field list)'"
complete -c tk -n "__fish_tk_using_subcommand search" -l view -d 'Start from the saved view NAME (`tk view list`); flags given here add to it' -r
complete -c tk -n "__fish_tk_using_subcommand search" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand search" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand search" -l watching -d 'Only tickets you watch (`tk watch`)'
complete -c tk -n "__fish_tk_using_subcommand search" -l all -d 'Include closed tickets'
complete -c tk -n "__fish_tk_using_subcommand search" -l overdue -d 'Only open tickets past an SLA due time'
complete -c tk -n "__fish_tk_using_subcommand search" -l breached -d 'Only tickets that missed an SLA target (met late or overdue)'
complete -c tk -n "__fish_tk_using_subcommand search" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand search" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand search" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand search" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand set" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand set" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand set" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand set" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand set" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand set" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand edit" -l from -d 'Start from the text in FILE (a kept edit) instead of the ticket\'s fields' -r -F
complete -c tk -n "__fish_tk_using_subcommand edit" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand edit" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand edit" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand edit" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand edit" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand edit" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand log" -s n -l max-count -d 'Show at most N commits' -r
complete -c tk -n "__fish_tk_using_subcommand log" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand log" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand log" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand log" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand log" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand log" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand sync" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand sync" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand sync" -l check -d 'Compare with the remote-tracking ref from the last fetch; no network'
complete -c tk -n "__fish_tk_using_subcommand sync" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand sync" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand sync" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand sync" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand config; and not __fish_seen_subcommand_from show set edit help" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand config; and not __fish_seen_subcommand_from show set edit help" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand config; and not __fish_seen_subcommand_from show set edit help" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand config; and not __fish_seen_subcommand_from show set edit help" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand config; and not __fish_seen_subcommand_from show set edit help" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand config; and not __fish_seen_subcommand_from show set edit help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand config; and not __fish_seen_subcommand_from show set edit help" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand config; and not __fish_seen_subcommand_from show set edit help" -f -a "show" -d 'Print the configuration in effect, defaults included'
complete -c tk -n "__fish_tk_using_subcommand config; and not __fish_seen_subcommand_from show set edit help" -f -a "set" -d 'Set one key, e.g. `tk config set sla.high.response 30m`'
complete -c tk -n "__fish_tk_using_subcommand config; and not __fish_seen_subcommand_from show set edit help" -f -a "edit" -d 'Edit tk.toml in $VISUAL or $EDITOR; an invalid edit commits nothing'
complete -c tk -n "__fish_tk_using_subcommand config; and not __fish_seen_subcommand_from show set edit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from show" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from set" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from set" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from edit" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from edit" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from edit" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from edit" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the configuration in effect, defaults included'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set one key, e.g. `tk config set sla.high.response 30m`'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Edit tk.toml in $VISUAL or $EDITOR; an invalid edit commits nothing'
complete -c tk -n "__fish_tk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand report" -l since -d 'Start of the period: a date, an RFC 3339 time or a span back from now (1w, 30d)' -r
complete -c tk -n "__fish_tk_using_subcommand report" -l until -d 'End of the period (inclusive for a date)' -r
complete -c tk -n "__fish_tk_using_subcommand report" -l by -d 'Break the figures down by this field' -r -f -a "assignee\t'The assignee'
category\t'The category'
priority\t'The priority'
type\t'The ticket type'
requester\t'The requester (by email)'
department\t'The requester\'s department'
location\t'The requester\'s location'
group\t'The assignment group'"
complete -c tk -n "__fish_tk_using_subcommand report" -l format -d 'Output format' -r -f -a "text\t'Tables and a bar chart for the terminal'
html\t'One standalone HTML page with SVG charts'"
complete -c tk -n "__fish_tk_using_subcommand report" -s o -l output -d 'Write the report to FILE instead of stdout' -r -F
complete -c tk -n "__fish_tk_using_subcommand report" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand report" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand report" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand report" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand report" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand report" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand escalate" -l to -d 'The group it goes to, or who takes it over (`me` for yourself)' -r
complete -c tk -n "__fish_tk_using_subcommand escalate" -l priority -d 'The new priority' -r
complete -c tk -n "__fish_tk_using_subcommand escalate" -s m -l message -d 'The text; `-` reads it from stdin' -r
complete -c tk -n "__fish_tk_using_subcommand escalate" -l file -d 'Read the text from a file' -r -F
complete -c tk -n "__fish_tk_using_subcommand escalate" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand escalate" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand escalate" -l breached -d 'Escalate every open ticket that missed a target, once per breach'
complete -c tk -n "__fish_tk_using_subcommand escalate" -l auto-assign -d 'Assign it to a member of the group it goes to, picked by skill, availability and workload (as on tk assign)'
complete -c tk -n "__fish_tk_using_subcommand escalate" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand escalate" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand escalate" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand escalate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand escalate" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -f -a "add" -d 'Add a member, or update their name and skills'
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -f -a "away" -d 'Mark a member away: auto-assignment skips them'
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -f -a "back" -d 'Mark a member back from being away'
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -f -a "remove" -d 'Remove a member'
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -f -a "list" -d 'List members with their skills and open tickets'
complete -c tk -n "__fish_tk_using_subcommand team; and not __fish_seen_subcommand_from add away back remove list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from add" -l name -d 'Display name' -r
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from add" -l skills -d 'Skills, matched against ticket categories (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from add" -l max-open -d 'Auto-assign them at most N open tickets (`none` for no cap)' -r
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from add" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from add" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from away" -l until -d 'The last day away, as YYYY-MM-DD' -r
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from away" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from away" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from away" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from away" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from away" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from away" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from away" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from back" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from back" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from back" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from back" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from back" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from back" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from back" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from remove" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from remove" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from list" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from list" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a member, or update their name and skills'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "away" -d 'Mark a member away: auto-assignment skips them'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "back" -d 'Mark a member back from being away'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a member'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "list" -d 'List members with their skills and open tickets'
complete -c tk -n "__fish_tk_using_subcommand team; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand type; and not __fish_seen_subcommand_from add remove list help" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand type; and not __fish_seen_subcommand_from add remove list help" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand type; and not __fish_seen_subcommand_from add remove list help" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand type; and not __fish_seen_subcommand_from add remove list help" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand type; and not __fish_seen_subcommand_from add remove list help" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand type; and not __fish_seen_subcommand_from add remove list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand type; and not __fish_seen_subcommand_from add remove list help" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand type; and not __fish_seen_subcommand_from add remove list help" -f -a "add" -d 'Add a type, or replace the policy of one the team uses'
complete -c tk -n "__fish_tk_using_subcommand type; and not __fish_seen_subcommand_from add remove list help" -f -a "remove" -d 'Stop using a type; tickets that have it keep it'
complete -c tk -n "__fish_tk_using_subcommand type; and not __fish_seen_subcommand_from add remove list help" -f -a "list" -d 'List the types with their policies'
complete -c tk -n "__fish_tk_using_subcommand type; and not __fish_seen_subcommand_from add remove list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from add" -l min-priority -d 'The lowest priority its tickets get' -r
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from add" -l response -d 'Its own response target, e.g. 30m (with --resolution)' -r
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from add" -l resolution -d 'Its own resolution target, e.g. 1d (with --response)' -r
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from add" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from add" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from remove" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from remove" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from list" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from list" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a type, or replace the policy of one the team uses'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Stop using a type; tickets that have it keep it'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the types with their policies'
complete -c tk -n "__fish_tk_using_subcommand type; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand group; and not __fish_seen_subcommand_from add remove list help" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand group; and not __fish_seen_subcommand_from add remove list help" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand group; and not __fish_seen_subcommand_from add remove list help" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand group; and not __fish_seen_subcommand_from add remove list help" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand group; and not __fish_seen_subcommand_from add remove list help" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand group; and not __fish_seen_subcommand_from add remove list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand group; and not __fish_seen_subcommand_from add remove list help" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand group; and not __fish_seen_subcommand_from add remove list help" -f -a "add" -d 'Add a group, or update one: the options given replace its values'
complete -c tk -n "__fish_tk_using_subcommand group; and not __fish_seen_subcommand_from add remove list help" -f -a "remove" -d 'Remove a group; refused while open tickets are in it'
complete -c tk -n "__fish_tk_using_subcommand group; and not __fish_seen_subcommand_from add remove list help" -f -a "list" -d 'List the groups with their members, categories and open tickets'
complete -c tk -n "__fish_tk_using_subcommand group; and not __fish_seen_subcommand_from add remove list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from add" -l members -d 'Its members, by email; each must be on the team (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from add" -l categories -d 'Categories whose new tickets go to it (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from add" -l escalate-to -d 'Where its tickets escalate to: another group or a team member (`none` to remove)' -r
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from add" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from add" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from remove" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from remove" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from list" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from list" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a group, or update one: the options given replace its values'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a group; refused while open tickets are in it'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the groups with their members, categories and open tickets'
complete -c tk -n "__fish_tk_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand field; and not __fish_seen_subcommand_from add remove list help" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand field; and not __fish_seen_subcommand_from add remove list help" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand field; and not __fish_seen_subcommand_from add remove list help" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand field; and not __fish_seen_subcommand_from add remove list help" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand field; and not __fish_seen_subcommand_from add remove list help" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand field; and not __fish_seen_subcommand_from add remove list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand field; and not __fish_seen_subcommand_from add remove list help" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand field; and not __fish_seen_subcommand_from add remove list help" -f -a "add" -d 'Define a custom field, or replace the definition of one'
complete -c tk -n "__fish_tk_using_subcommand field; and not __fish_seen_subcommand_from add remove list help" -f -a "remove" -d 'Remove a custom field\'s definition'
complete -c tk -n "__fish_tk_using_subcommand field; and not __fish_seen_subcommand_from add remove list help" -f -a "list" -d 'List the custom fields with their kinds and choices'
complete -c tk -n "__fish_tk_using_subcommand field; and not __fish_seen_subcommand_from add remove list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from add" -l kind -d 'What values it takes: text (up to 1000 characters), number (a decimal like 12 or -3.75), date (YYYY-MM-DD) or choice (one of --choices)' -r
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from add" -l choices -d 'The values of a choice field (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from add" -l description -d 'What the field is for, shown by tk field list' -r
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from add" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from add" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from remove" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from remove" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from list" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from list" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from help" -f -a "add" -d 'Define a custom field, or replace the definition of one'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a custom field\'s definition'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the custom fields with their kinds and choices'
complete -c tk -n "__fish_tk_using_subcommand field; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand completions" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand completions" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand completions" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand completions" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand completions" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand completions" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand link" -l as -d 'relates, duplicates, blocks or caused-by' -r
complete -c tk -n "__fish_tk_using_subcommand link" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand link" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand link" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand link" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand link" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand link" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand link" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand unlink" -l as -d 'Only the link with this relation: relates, duplicates, blocks or caused-by' -r
complete -c tk -n "__fish_tk_using_subcommand unlink" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand unlink" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand unlink" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand unlink" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand unlink" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand unlink" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand unlink" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand watch" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand watch" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand watch" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand watch" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand watch" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand watch" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand unwatch" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand unwatch" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand unwatch" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand unwatch" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand unwatch" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand unwatch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand unwatch" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand attach" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand attach" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand attach" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand attach" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand attach" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand attach" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand attachments" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand attachments" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand attachments" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand attachments" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand attachments" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand attachments" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand attachments" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand attachment; and not __fish_seen_subcommand_from get help" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand attachment; and not __fish_seen_subcommand_from get help" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand attachment; and not __fish_seen_subcommand_from get help" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand attachment; and not __fish_seen_subcommand_from get help" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand attachment; and not __fish_seen_subcommand_from get help" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand attachment; and not __fish_seen_subcommand_from get help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand attachment; and not __fish_seen_subcommand_from get help" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand attachment; and not __fish_seen_subcommand_from get help" -f -a "get" -d 'Write an attachment\'s bytes to a file or stdout'
complete -c tk -n "__fish_tk_using_subcommand attachment; and not __fish_seen_subcommand_from get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand attachment; and __fish_seen_subcommand_from get" -s o -l output -d 'Write to FILE instead of stdout (`-` is stdout)' -r -F
complete -c tk -n "__fish_tk_using_subcommand attachment; and __fish_seen_subcommand_from get" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand attachment; and __fish_seen_subcommand_from get" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand attachment; and __fish_seen_subcommand_from get" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand attachment; and __fish_seen_subcommand_from get" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand attachment; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand attachment; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand attachment; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand attachment; and __fish_seen_subcommand_from help" -f -a "get" -d 'Write an attachment\'s bytes to a file or stdout'
complete -c tk -n "__fish_tk_using_subcommand attachment; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand man" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand man" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand man" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand man" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand man" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand man" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -f -a "ingest" -d 'Take in mail: one message on stdin, message files, mboxes or Maildirs'
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -f -a "fetch" -d 'Take in the unseen messages of the desk\'s IMAP mailbox'
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -f -a "outbox" -d 'List the mails requesters and watchers are owed'
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -f -a "send" -d 'Deliver the mails the outbox lists'
complete -c tk -n "__fish_tk_using_subcommand mail; and not __fish_seen_subcommand_from ingest fetch outbox send help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from ingest" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from ingest" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from ingest" -l dry-run -d 'Say what each message would do and take none in: nothing is committed and no Maildir message moves'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from ingest" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from ingest" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from ingest" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from ingest" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from ingest" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from fetch" -l limit -d 'Take at most N unseen messages (the oldest)' -r
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from fetch" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from fetch" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from fetch" -l dry-run -d 'Say what each message would do and take none in: nothing is committed and every message stays unseen'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from fetch" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from fetch" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from fetch" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from fetch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from fetch" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from outbox" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from outbox" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from outbox" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from outbox" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from outbox" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from outbox" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from outbox" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from send" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from send" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from send" -l dry-run -d 'Print the mails that would be sent instead of sending them'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from send" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from send" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from send" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from send" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "ingest" -d 'Take in mail: one message on stdin, message files, mboxes or Maildirs'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "fetch" -d 'Take in the unseen messages of the desk\'s IMAP mailbox'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "outbox" -d 'List the mails requesters and watchers are owed'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "send" -d 'Deliver the mails the outbox lists'
complete -c tk -n "__fish_tk_using_subcommand mail; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand view; and not __fish_seen_subcommand_from save list remove help" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand view; and not __fish_seen_subcommand_from save list remove help" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand view; and not __fish_seen_subcommand_from save list remove help" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand view; and not __fish_seen_subcommand_from save list remove help" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand view; and not __fish_seen_subcommand_from save list remove help" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand view; and not __fish_seen_subcommand_from save list remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand view; and not __fish_seen_subcommand_from save list remove help" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand view; and not __fish_seen_subcommand_from save list remove help" -f -a "save" -d 'Save (or replace) a view: the `tk list` arguments after `--`'
complete -c tk -n "__fish_tk_using_subcommand view; and not __fish_seen_subcommand_from save list remove help" -f -a "list" -d 'List the saved views'
complete -c tk -n "__fish_tk_using_subcommand view; and not __fish_seen_subcommand_from save list remove help" -f -a "remove" -d 'Remove a saved view'
complete -c tk -n "__fish_tk_using_subcommand view; and not __fish_seen_subcommand_from save list remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from save" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from save" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from save" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from save" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from list" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from list" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from remove" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from remove" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save (or replace) a view: the `tk list` arguments after `--`'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the saved views'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a saved view'
complete -c tk -n "__fish_tk_using_subcommand view; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -f -a "add" -d 'Save a template'
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -f -a "list" -d 'List the templates'
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -f -a "show" -d 'Show one template'
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -f -a "remove" -d 'Remove a template'
complete -c tk -n "__fish_tk_using_subcommand template; and not __fish_seen_subcommand_from add list show remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l title -d 'The parent ticket\'s title, unless `tk new` gives one' -r
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -s m -l message -d 'The text; `-` reads it from stdin' -r
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l file -d 'Read the text from a file' -r -F
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -s t -l type -d 'The type of the parent and its children' -r
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l category -d 'The category of the parent and its children' -r
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l tag -d 'A tag of the parent and its children (can be repeated)' -r
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l impact -d 'The impact: low, medium or high' -r
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l urgency -d 'The urgency: low, medium or high' -r
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l priority -d 'An explicit priority: critical, high, medium, low or planning' -r
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l child -d 'A child ticket\'s title; `{title}` stands for the parent\'s title (can be repeated)' -r
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l force -d 'Replace a template of the same name'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from list" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from list" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from show" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from show" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from remove" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from remove" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from remove" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "add" -d 'Save a template'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the templates'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one template'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a template'
complete -c tk -n "__fish_tk_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand export" -s o -l output -d 'Write to FILE instead of stdout (with --json, stdout gets a summary)' -r -F
complete -c tk -n "__fish_tk_using_subcommand export" -l status -d 'Only these statuses (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l assignee -d 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l type -d 'Only these types (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l priority -d 'Only these priorities (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l category -d 'Only these categories (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l group -d 'Only tickets of these groups (comma-separated; `none` for tickets without one)' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l tag -d 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l requester -d 'Only tickets whose requester\'s name or email contains one of these texts (comma-separated)' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l field -d 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l since -d 'Only tickets created at or after WHEN' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l until -d 'Only tickets created before WHEN (a date: up to its end)' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l updated-since -d 'Only tickets changed at or after WHEN' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l due-within -d 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l sort -d 'Sort order [default: priority; for tk search, best match first]' -r -f -a "priority\t'Most urgent priority first, then oldest'
due\t'Soonest SLA due time first; tickets without one last'
created\t'Oldest first'
updated\t'Most recently changed first'"
complete -c tk -n "__fish_tk_using_subcommand export" -s n -l limit -d 'Show at most N tickets (after sorting)' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l view -d 'Start from the saved view NAME (`tk view list`); flags given here add to it' -r
complete -c tk -n "__fish_tk_using_subcommand export" -l format -d 'Output format [default: json]' -r -f -a "json\t''
csv\t''"
complete -c tk -n "__fish_tk_using_subcommand export" -l columns -d 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field' -r -f -a "id\t'The short id (the full id in tsv and csv)'
pri\t'The priority'
status\t'The status'
type\t'The ticket type'
age\t'Time since it was created'
due\t'Time left (or late) on the next SLA target'
assignee\t'Who it is assigned to'
title\t'The title'
requester\t'Who asked'
category\t'The category'
group\t'The assignment group'
tags\t'The tags, comma-separated'
created\t'When it was created (RFC 3339)'
updated\t'When it last changed (RFC 3339)'
field.NAME\t'A custom field\'s value (tk field list)'"
complete -c tk -n "__fish_tk_using_subcommand export" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand export" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand export" -l watching -d 'Only tickets you watch (`tk watch`)'
complete -c tk -n "__fish_tk_using_subcommand export" -l all -d 'Include closed tickets'
complete -c tk -n "__fish_tk_using_subcommand export" -l overdue -d 'Only open tickets past an SLA due time'
complete -c tk -n "__fish_tk_using_subcommand export" -l breached -d 'Only tickets that missed an SLA target (met late or overdue)'
complete -c tk -n "__fish_tk_using_subcommand export" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand export" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand export" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand export" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand import" -l format -d 'What the file is: json (a tk export), csv or github' -r -f -a "json\t'tk\'s own export (`tk export --format json`)'
csv\t'CSV with a header line naming the columns'
github\t'`gh issue list --json number,title,body,state,author,createdAt,closedAt,labels,comments`'"
complete -c tk -n "__fish_tk_using_subcommand import" -l source -d 'The repository GitHub issues come from, as OWNER/REPO (needed when gh\'s JSON has no `url` field)' -r
complete -c tk -n "__fish_tk_using_subcommand import" -l color -d 'When to use colours' -r -f -a "auto\t'On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`'
always\t'Always, even into a pipe'
never\t'Never'"
complete -c tk -n "__fish_tk_using_subcommand import" -s C -d 'Run as if tk was started in DIR' -r -F
complete -c tk -n "__fish_tk_using_subcommand import" -l dry-run -d 'Check every record and print what would be imported; commit nothing'
complete -c tk -n "__fish_tk_using_subcommand import" -l json -d 'Print one JSON document on stdout instead of human output'
complete -c tk -n "__fish_tk_using_subcommand import" -l no-input -d 'Never prompt or open an editor; a missing value is an error'
complete -c tk -n "__fish_tk_using_subcommand import" -s q -l quiet -d 'Print no status messages on stderr'
complete -c tk -n "__fish_tk_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tk -n "__fish_tk_using_subcommand import" -s V -l version -d 'Print version'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "init" -d 'Create the tickets ref in this repository'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "new" -d 'Report a new ticket and print its id'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "list" -d 'List tickets, most urgent first'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "show" -d 'Show a ticket with its comments'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "assign" -d 'Assign a ticket to someone'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "unassign" -d 'Remove a ticket\'s assignee'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "comment" -d 'Add a comment to a ticket'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "start" -d 'Start work on a ticket (in progress)'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "wait" -d 'Put a ticket on hold, waiting for the requester or a third party'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "resolve" -d 'Resolve a ticket, writing down the solution'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "close" -d 'Close a ticket'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "reopen" -d 'Reopen a resolved or closed ticket'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "rate" -d 'Rate the service on a resolved or closed ticket'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "search" -d 'Search titles, descriptions, comments and resolutions'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "set" -d 'Change fields of a ticket'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "edit" -d 'Edit a ticket\'s fields in $VISUAL or $EDITOR'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "log" -d 'Show the history of the tickets ref, or of one ticket'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "sync" -d 'Sync tickets with a remote: fetch, merge, push'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "config" -d 'Show or change the team configuration (tk.toml on the tickets ref)'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "report" -d 'Report on the service: volumes, times, SLA compliance, satisfaction'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "escalate" -d 'Escalate a ticket, or every open ticket that missed an SLA target'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "team" -d 'Manage the team members tickets are assigned to'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "type" -d 'Manage the ticket types the team uses'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "group" -d 'Manage assignment groups: who works which tickets'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "field" -d 'Manage the team\'s custom fields'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "completions" -d 'Print a shell completion script'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "link" -d 'Link a ticket to another one'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "unlink" -d 'Remove a link from a ticket to another one'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "watch" -d 'Follow a ticket'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "unwatch" -d 'Stop following a ticket'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "attach" -d 'Attach files to a ticket'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "attachments" -d 'List a ticket\'s attachments'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "attachment" -d 'Work with one attachment of a ticket'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "man" -d 'Print a man page (roff) for tk or one of its commands'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "mail" -d 'Take in mail from requesters, and answer them'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "view" -d 'Save, list or remove saved `tk list` views'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "template" -d 'Save, list, show or remove ticket templates'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "export" -d 'Write tickets out in full, as JSON or CSV'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "import" -d 'Bring tickets in from a tk export, a CSV file or GitHub issues'
complete -c tk -n "__fish_tk_using_subcommand help; and not __fish_seen_subcommand_from init new list show assign unassign comment start wait resolve close reopen rate search set edit log sync config report escalate team type group field completions link unlink watch unwatch attach attachments attachment man mail view template export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the configuration in effect, defaults included'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set one key, e.g. `tk config set sla.high.response 30m`'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "edit" -d 'Edit tk.toml in $VISUAL or $EDITOR; an invalid edit commits nothing'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "add" -d 'Add a member, or update their name and skills'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "away" -d 'Mark a member away: auto-assignment skips them'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "back" -d 'Mark a member back from being away'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "remove" -d 'Remove a member'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from team" -f -a "list" -d 'List members with their skills and open tickets'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from type" -f -a "add" -d 'Add a type, or replace the policy of one the team uses'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from type" -f -a "remove" -d 'Stop using a type; tickets that have it keep it'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from type" -f -a "list" -d 'List the types with their policies'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "add" -d 'Add a group, or update one: the options given replace its values'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "remove" -d 'Remove a group; refused while open tickets are in it'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "list" -d 'List the groups with their members, categories and open tickets'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from field" -f -a "add" -d 'Define a custom field, or replace the definition of one'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from field" -f -a "remove" -d 'Remove a custom field\'s definition'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from field" -f -a "list" -d 'List the custom fields with their kinds and choices'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from attachment" -f -a "get" -d 'Write an attachment\'s bytes to a file or stdout'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "ingest" -d 'Take in mail: one message on stdin, message files, mboxes or Maildirs'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "fetch" -d 'Take in the unseen messages of the desk\'s IMAP mailbox'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "outbox" -d 'List the mails requesters and watchers are owed'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from mail" -f -a "send" -d 'Deliver the mails the outbox lists'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from view" -f -a "save" -d 'Save (or replace) a view: the `tk list` arguments after `--`'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from view" -f -a "list" -d 'List the saved views'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from view" -f -a "remove" -d 'Remove a saved view'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "add" -d 'Save a template'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "list" -d 'List the templates'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "show" -d 'Show one template'
complete -c tk -n "__fish_tk_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "remove" -d 'Remove a template'
