
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tk' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tk'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tk' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the tickets ref in this repository')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Report a new ticket and print its id')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets, most urgent first')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List tickets, most urgent first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a ticket with its comments')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign a ticket to someone')
            [CompletionResult]::new('unassign', 'unassign', [CompletionResultType]::ParameterValue, 'Remove a ticket''s assignee')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Add a comment to a ticket')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start work on a ticket (in progress)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Put a ticket on hold, waiting for the requester or a third party')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve a ticket, writing down the solution')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a ticket')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a resolved or closed ticket')
            [CompletionResult]::new('rate', 'rate', [CompletionResultType]::ParameterValue, 'Rate the service on a resolved or closed ticket')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search titles, descriptions, comments and resolutions')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change fields of a ticket')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a ticket''s fields in $VISUAL or $EDITOR')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show the history of the tickets ref, or of one ticket')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Sync tickets with a remote: fetch, merge, push')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or change the team configuration (tk.toml on the tickets ref)')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Report on the service: volumes, times, SLA compliance, satisfaction')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Escalate a ticket, or every open ticket that missed an SLA target')
            [CompletionResult]::new('team', 'team', [CompletionResultType]::ParameterValue, 'Manage the team members tickets are assigned to')
            [CompletionResult]::new('type', 'type', [CompletionResultType]::ParameterValue, 'Manage the ticket types the team uses')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Manage assignment groups: who works which tickets')
            [CompletionResult]::new('field', 'field', [CompletionResultType]::ParameterValue, 'Manage the team''s custom fields')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link a ticket to another one')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Remove a link from a ticket to another one')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow a ticket')
            [CompletionResult]::new('unwatch', 'unwatch', [CompletionResultType]::ParameterValue, 'Stop following a ticket')
            [CompletionResult]::new('attach', 'attach', [CompletionResultType]::ParameterValue, 'Attach files to a ticket')
            [CompletionResult]::new('attachments', 'attachments', [CompletionResultType]::ParameterValue, 'List a ticket''s attachments')
            [CompletionResult]::new('attachment', 'attachment', [CompletionResultType]::ParameterValue, 'Work with one attachment of a ticket')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff) for tk or one of its commands')
            [CompletionResult]::new('mail', 'mail', [CompletionResultType]::ParameterValue, 'Take in mail from requesters, and answer them')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Save, list or remove saved `tk list` views')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'Save, list, show or remove ticket templates')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write tickets out in full, as JSON or CSV')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Bring tickets in from a tk export, a CSV file or GitHub issues')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;init' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;new' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the text from a file')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'incident, request, problem, question, improvement, training or emergency')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'incident, request, problem, question, improvement, training or emergency')
            [CompletionResult]::new('--impact', '--impact', [CompletionResultType]::ParameterName, 'How many people or services it affects: low, medium or high')
            [CompletionResult]::new('--urgency', '--urgency', [CompletionResultType]::ParameterName, 'How soon it hurts: low, medium or high')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Override the matrix: critical, high, medium, low or planning')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Category, e.g. network, hardware, access')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The group to work it (default: the group that takes its category; "" for none)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A tag (can be repeated)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'Who reported it, as "Name <email>" (default: you; on a terminal, asked for with you as the default)')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Assign it right away (`me` for yourself)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Set a custom field (tk field list), checked by its kind (can be repeated)')
            [CompletionResult]::new('--parent', '--parent', [CompletionResultType]::ParameterName, 'Open it as follow-up work of PARENT (linked child-of, one commit)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Open the ticket and its children from the template NAME (one commit; tk template list shows them)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--auto-assign', '--auto-assign', [CompletionResultType]::ParameterName, 'Assign it to the available team member with the category''s skill and the fewest open tickets, within its group (as on tk assign)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only these statuses (comma-separated)')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types (comma-separated)')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Only these priorities (comma-separated)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only these categories (comma-separated)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only tickets of these groups (comma-separated; `none` for tickets without one)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'Only tickets whose requester''s name or email contains one of these texts (comma-separated)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only tickets created at or after WHEN')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only tickets created before WHEN (a date: up to its end)')
            [CompletionResult]::new('--updated-since', '--updated-since', [CompletionResultType]::ParameterName, 'Only tickets changed at or after WHEN')
            [CompletionResult]::new('--due-within', '--due-within', [CompletionResultType]::ParameterName, 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Sort order [default: priority; for tk search, best match first]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N tickets (after sorting)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N tickets (after sorting)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (--json is the same as --format json)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field')
            [CompletionResult]::new('--view', '--view', [CompletionResultType]::ParameterName, 'Start from the saved view NAME (`tk view list`); flags given here add to it')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--watching', '--watching', [CompletionResultType]::ParameterName, 'Only tickets you watch (`tk watch`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include closed tickets')
            [CompletionResult]::new('--overdue', '--overdue', [CompletionResultType]::ParameterName, 'Only open tickets past an SLA due time')
            [CompletionResult]::new('--breached', '--breached', [CompletionResultType]::ParameterName, 'Only tickets that missed an SLA target (met late or overdue)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;ls' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only these statuses (comma-separated)')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types (comma-separated)')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Only these priorities (comma-separated)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only these categories (comma-separated)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only tickets of these groups (comma-separated; `none` for tickets without one)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'Only tickets whose requester''s name or email contains one of these texts (comma-separated)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only tickets created at or after WHEN')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only tickets created before WHEN (a date: up to its end)')
            [CompletionResult]::new('--updated-since', '--updated-since', [CompletionResultType]::ParameterName, 'Only tickets changed at or after WHEN')
            [CompletionResult]::new('--due-within', '--due-within', [CompletionResultType]::ParameterName, 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Sort order [default: priority; for tk search, best match first]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N tickets (after sorting)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N tickets (after sorting)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (--json is the same as --format json)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field')
            [CompletionResult]::new('--view', '--view', [CompletionResultType]::ParameterName, 'Start from the saved view NAME (`tk view list`); flags given here add to it')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--watching', '--watching', [CompletionResultType]::ParameterName, 'Only tickets you watch (`tk watch`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include closed tickets')
            [CompletionResult]::new('--overdue', '--overdue', [CompletionResultType]::ParameterName, 'Only open tickets past an SLA due time')
            [CompletionResult]::new('--breached', '--breached', [CompletionResultType]::ParameterName, 'Only tickets that missed an SLA target (met late or overdue)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;show' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--timeline', '--timeline', [CompletionResultType]::ParameterName, 'Also show the full timeline of events, superseded ones included')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;assign' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Move the ticket to this group (`tk group list`); with --auto-assign, the pick is made among its members')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--auto-assign', '--auto-assign', [CompletionResultType]::ParameterName, 'Pick the assignee by skill, availability and workload (as on tk new)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;unassign' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;comment' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the text from a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--internal', '--internal', [CompletionResultType]::ParameterName, 'Mark the comment as internal to the team')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;start' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;wait' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the text from a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;resolve' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the text from a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--cascade', '--cascade', [CompletionResultType]::ParameterName, 'Also resolve its open children')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;close' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why an unresolved ticket is closed')
            [CompletionResult]::new('--duplicate-of', '--duplicate-of', [CompletionResultType]::ParameterName, 'Close as a duplicate of OTHER, linking to it (implies --reason duplicate)')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the text from a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--cascade', '--cascade', [CompletionResultType]::ParameterName, 'Also close its open children (with the same reason, or resolved with it first)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;reopen' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the text from a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;rate' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the text from a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--on-behalf', '--on-behalf', [CompletionResultType]::ParameterName, 'Enter the rating the requester gave you, on their behalf')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;search' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only these statuses (comma-separated)')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types (comma-separated)')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Only these priorities (comma-separated)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only these categories (comma-separated)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only tickets of these groups (comma-separated; `none` for tickets without one)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'Only tickets whose requester''s name or email contains one of these texts (comma-separated)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only tickets created at or after WHEN')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only tickets created before WHEN (a date: up to its end)')
            [CompletionResult]::new('--updated-since', '--updated-since', [CompletionResultType]::ParameterName, 'Only tickets changed at or after WHEN')
            [CompletionResult]::new('--due-within', '--due-within', [CompletionResultType]::ParameterName, 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Sort order [default: priority; for tk search, best match first]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N tickets (after sorting)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N tickets (after sorting)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (--json is the same as --format json)')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field')
            [CompletionResult]::new('--view', '--view', [CompletionResultType]::ParameterName, 'Start from the saved view NAME (`tk view list`); flags given here add to it')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--watching', '--watching', [CompletionResultType]::ParameterName, 'Only tickets you watch (`tk watch`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include closed tickets')
            [CompletionResult]::new('--overdue', '--overdue', [CompletionResultType]::ParameterName, 'Only open tickets past an SLA due time')
            [CompletionResult]::new('--breached', '--breached', [CompletionResultType]::ParameterName, 'Only tickets that missed an SLA target (met late or overdue)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;set' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;edit' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Start from the text in FILE (a kept edit) instead of the ticket''s fields')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;log' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N commits')
            [CompletionResult]::new('--max-count', '--max-count', [CompletionResultType]::ParameterName, 'Show at most N commits')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;sync' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Compare with the remote-tracking ref from the last fetch; no network')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;config' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the configuration in effect, defaults included')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one key, e.g. `tk config set sla.high.response 30m`')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit tk.toml in $VISUAL or $EDITOR; an invalid edit commits nothing')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;config;show' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;config;set' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;config;edit' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the configuration in effect, defaults included')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one key, e.g. `tk config set sla.high.response 30m`')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit tk.toml in $VISUAL or $EDITOR; an invalid edit commits nothing')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;config;help;show' {
            break
        }
        'tk;config;help;set' {
            break
        }
        'tk;config;help;edit' {
            break
        }
        'tk;config;help;help' {
            break
        }
        'tk;report' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start of the period: a date, an RFC 3339 time or a span back from now (1w, 30d)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the period (inclusive for a date)')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Break the figures down by this field')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the report to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the report to FILE instead of stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;escalate' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The group it goes to, or who takes it over (`me` for yourself)')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'The new priority')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the text from a file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--breached', '--breached', [CompletionResultType]::ParameterName, 'Escalate every open ticket that missed a target, once per breach')
            [CompletionResult]::new('--auto-assign', '--auto-assign', [CompletionResultType]::ParameterName, 'Assign it to a member of the group it goes to, picked by skill, availability and workload (as on tk assign)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;team' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a member, or update their name and skills')
            [CompletionResult]::new('away', 'away', [CompletionResultType]::ParameterValue, 'Mark a member away: auto-assignment skips them')
            [CompletionResult]::new('back', 'back', [CompletionResultType]::ParameterValue, 'Mark a member back from being away')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List members with their skills and open tickets')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;team;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('--skills', '--skills', [CompletionResultType]::ParameterName, 'Skills, matched against ticket categories (comma-separated)')
            [CompletionResult]::new('--max-open', '--max-open', [CompletionResultType]::ParameterName, 'Auto-assign them at most N open tickets (`none` for no cap)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;team;away' {
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'The last day away, as YYYY-MM-DD')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;team;back' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;team;remove' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;team;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;team;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a member, or update their name and skills')
            [CompletionResult]::new('away', 'away', [CompletionResultType]::ParameterValue, 'Mark a member away: auto-assignment skips them')
            [CompletionResult]::new('back', 'back', [CompletionResultType]::ParameterValue, 'Mark a member back from being away')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List members with their skills and open tickets')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;team;help;add' {
            break
        }
        'tk;team;help;away' {
            break
        }
        'tk;team;help;back' {
            break
        }
        'tk;team;help;remove' {
            break
        }
        'tk;team;help;list' {
            break
        }
        'tk;team;help;help' {
            break
        }
        'tk;type' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a type, or replace the policy of one the team uses')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop using a type; tickets that have it keep it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the types with their policies')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;type;add' {
            [CompletionResult]::new('--min-priority', '--min-priority', [CompletionResultType]::ParameterName, 'The lowest priority its tickets get')
            [CompletionResult]::new('--response', '--response', [CompletionResultType]::ParameterName, 'Its own response target, e.g. 30m (with --resolution)')
            [CompletionResult]::new('--resolution', '--resolution', [CompletionResultType]::ParameterName, 'Its own resolution target, e.g. 1d (with --response)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;type;remove' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;type;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;type;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a type, or replace the policy of one the team uses')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop using a type; tickets that have it keep it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the types with their policies')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;type;help;add' {
            break
        }
        'tk;type;help;remove' {
            break
        }
        'tk;type;help;list' {
            break
        }
        'tk;type;help;help' {
            break
        }
        'tk;group' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a group, or update one: the options given replace its values')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a group; refused while open tickets are in it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the groups with their members, categories and open tickets')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;group;add' {
            [CompletionResult]::new('--members', '--members', [CompletionResultType]::ParameterName, 'Its members, by email; each must be on the team (comma-separated)')
            [CompletionResult]::new('--categories', '--categories', [CompletionResultType]::ParameterName, 'Categories whose new tickets go to it (comma-separated)')
            [CompletionResult]::new('--escalate-to', '--escalate-to', [CompletionResultType]::ParameterName, 'Where its tickets escalate to: another group or a team member (`none` to remove)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;group;remove' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;group;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;group;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a group, or update one: the options given replace its values')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a group; refused while open tickets are in it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the groups with their members, categories and open tickets')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;group;help;add' {
            break
        }
        'tk;group;help;remove' {
            break
        }
        'tk;group;help;list' {
            break
        }
        'tk;group;help;help' {
            break
        }
        'tk;field' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Define a custom field, or replace the definition of one')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a custom field''s definition')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the custom fields with their kinds and choices')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;field;add' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'What values it takes: text (up to 1000 characters), number (a decimal like 12 or -3.75), date (YYYY-MM-DD) or choice (one of --choices)')
            [CompletionResult]::new('--choices', '--choices', [CompletionResultType]::ParameterName, 'The values of a choice field (comma-separated)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'What the field is for, shown by tk field list')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;field;remove' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;field;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;field;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Define a custom field, or replace the definition of one')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a custom field''s definition')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the custom fields with their kinds and choices')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;field;help;add' {
            break
        }
        'tk;field;help;remove' {
            break
        }
        'tk;field;help;list' {
            break
        }
        'tk;field;help;help' {
            break
        }
        'tk;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;link' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'relates, duplicates, blocks or caused-by')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;unlink' {
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Only the link with this relation: relates, duplicates, blocks or caused-by')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;watch' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;unwatch' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;attach' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;attachments' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;attachment' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Write an attachment''s bytes to a file or stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;attachment;get' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (`-` is stdout)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (`-` is stdout)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;attachment;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Write an attachment''s bytes to a file or stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;attachment;help;get' {
            break
        }
        'tk;attachment;help;help' {
            break
        }
        'tk;man' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;mail' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Take in mail: one message on stdin, message files, mboxes or Maildirs')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Take in the unseen messages of the desk''s IMAP mailbox')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'List the mails requesters and watchers are owed')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver the mails the outbox lists')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;mail;ingest' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what each message would do and take none in: nothing is committed and no Maildir message moves')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;mail;fetch' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Take at most N unseen messages (the oldest)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what each message would do and take none in: nothing is committed and every message stays unseen')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;mail;outbox' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;mail;send' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the mails that would be sent instead of sending them')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;mail;help' {
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Take in mail: one message on stdin, message files, mboxes or Maildirs')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Take in the unseen messages of the desk''s IMAP mailbox')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'List the mails requesters and watchers are owed')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver the mails the outbox lists')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;mail;help;ingest' {
            break
        }
        'tk;mail;help;fetch' {
            break
        }
        'tk;mail;help;outbox' {
            break
        }
        'tk;mail;help;send' {
            break
        }
        'tk;mail;help;help' {
            break
        }
        'tk;view' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Save (or replace) a view: the `tk list` arguments after `--`')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the saved views')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a saved view')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;view;save' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;view;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;view;remove' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;view;help' {
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Save (or replace) a view: the `tk list` arguments after `--`')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the saved views')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a saved view')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;view;help;save' {
            break
        }
        'tk;view;help;list' {
            break
        }
        'tk;view;help;remove' {
            break
        }
        'tk;view;help;help' {
            break
        }
        'tk;template' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Save a template')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the templates')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one template')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a template')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;template;add' {
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The parent ticket''s title, unless `tk new` gives one')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The text; `-` reads it from stdin')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the text from a file')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'The type of the parent and its children')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'The type of the parent and its children')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'The category of the parent and its children')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A tag of the parent and its children (can be repeated)')
            [CompletionResult]::new('--impact', '--impact', [CompletionResultType]::ParameterName, 'The impact: low, medium or high')
            [CompletionResult]::new('--urgency', '--urgency', [CompletionResultType]::ParameterName, 'The urgency: low, medium or high')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'An explicit priority: critical, high, medium, low or planning')
            [CompletionResult]::new('--child', '--child', [CompletionResultType]::ParameterName, 'A child ticket''s title; `{title}` stands for the parent''s title (can be repeated)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a template of the same name')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;template;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;template;show' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;template;remove' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;template;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Save a template')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the templates')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one template')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a template')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;template;help;add' {
            break
        }
        'tk;template;help;list' {
            break
        }
        'tk;template;help;show' {
            break
        }
        'tk;template;help;remove' {
            break
        }
        'tk;template;help;help' {
            break
        }
        'tk;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (with --json, stdout gets a summary)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (with --json, stdout gets a summary)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only these statuses (comma-separated)')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only tickets assigned to one of WHO (comma-separated; `me`, or `none` for unassigned)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types (comma-separated)')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Only these priorities (comma-separated)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only these categories (comma-separated)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only tickets of these groups (comma-separated; `none` for tickets without one)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only tickets with this tag; `a,b` means either (can be repeated: all must match)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'Only tickets whose requester''s name or email contains one of these texts (comma-separated)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'Only tickets whose custom field NAME is VALUE (text ignores case; an empty VALUE: the field is unset) (can be repeated: all must match)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only tickets created at or after WHEN')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only tickets created before WHEN (a date: up to its end)')
            [CompletionResult]::new('--updated-since', '--updated-since', [CompletionResultType]::ParameterName, 'Only tickets changed at or after WHEN')
            [CompletionResult]::new('--due-within', '--due-within', [CompletionResultType]::ParameterName, 'Only open tickets with an unmet SLA target due within SPAN from now (overdue ones included), e.g. 2h')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Sort order [default: priority; for tk search, best match first]')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N tickets (after sorting)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N tickets (after sorting)')
            [CompletionResult]::new('--view', '--view', [CompletionResultType]::ParameterName, 'Start from the saved view NAME (`tk view list`); flags given here add to it')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: json]')
            [CompletionResult]::new('--columns', '--columns', [CompletionResultType]::ParameterName, 'Columns to show, in order (comma-separated; table, tsv and csv); field.NAME shows a custom field')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--watching', '--watching', [CompletionResultType]::ParameterName, 'Only tickets you watch (`tk watch`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include closed tickets')
            [CompletionResult]::new('--overdue', '--overdue', [CompletionResultType]::ParameterName, 'Only open tickets past an SLA due time')
            [CompletionResult]::new('--breached', '--breached', [CompletionResultType]::ParameterName, 'Only tickets that missed an SLA target (met late or overdue)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What the file is: json (a tk export), csv or github')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'The repository GitHub issues come from, as OWNER/REPO (needed when gh''s JSON has no `url` field)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'Run as if tk was started in DIR')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check every record and print what would be imported; commit nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of human output')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt or open an editor; a missing value is an error')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no status messages on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tk;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the tickets ref in this repository')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Report a new ticket and print its id')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets, most urgent first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a ticket with its comments')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign a ticket to someone')
            [CompletionResult]::new('unassign', 'unassign', [CompletionResultType]::ParameterValue, 'Remove a ticket''s assignee')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Add a comment to a ticket')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start work on a ticket (in progress)')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Put a ticket on hold, waiting for the requester or a third party')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Resolve a ticket, writing down the solution')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a ticket')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a resolved or closed ticket')
            [CompletionResult]::new('rate', 'rate', [CompletionResultType]::ParameterValue, 'Rate the service on a resolved or closed ticket')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search titles, descriptions, comments and resolutions')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change fields of a ticket')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit a ticket''s fields in $VISUAL or $EDITOR')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show the history of the tickets ref, or of one ticket')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Sync tickets with a remote: fetch, merge, push')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show or change the team configuration (tk.toml on the tickets ref)')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Report on the service: volumes, times, SLA compliance, satisfaction')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Escalate a ticket, or every open ticket that missed an SLA target')
            [CompletionResult]::new('team', 'team', [CompletionResultType]::ParameterValue, 'Manage the team members tickets are assigned to')
            [CompletionResult]::new('type', 'type', [CompletionResultType]::ParameterValue, 'Manage the ticket types the team uses')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Manage assignment groups: who works which tickets')
            [CompletionResult]::new('field', 'field', [CompletionResultType]::ParameterValue, 'Manage the team''s custom fields')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link a ticket to another one')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Remove a link from a ticket to another one')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow a ticket')
            [CompletionResult]::new('unwatch', 'unwatch', [CompletionResultType]::ParameterValue, 'Stop following a ticket')
            [CompletionResult]::new('attach', 'attach', [CompletionResultType]::ParameterValue, 'Attach files to a ticket')
            [CompletionResult]::new('attachments', 'attachments', [CompletionResultType]::ParameterValue, 'List a ticket''s attachments')
            [CompletionResult]::new('attachment', 'attachment', [CompletionResultType]::ParameterValue, 'Work with one attachment of a ticket')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page (roff) for tk or one of its commands')
            [CompletionResult]::new('mail', 'mail', [CompletionResultType]::ParameterValue, 'Take in mail from requesters, and answer them')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Save, list or remove saved `tk list` views')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'Save, list, show or remove ticket templates')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write tickets out in full, as JSON or CSV')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Bring tickets in from a tk export, a CSV file or GitHub issues')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tk;help;init' {
            break
        }
        'tk;help;new' {
            break
        }
        'tk;help;list' {
            break
        }
        'tk;help;show' {
            break
        }
        'tk;help;assign' {
            break
        }
        'tk;help;unassign' {
            break
        }
        'tk;help;comment' {
            break
        }
        'tk;help;start' {
            break
        }
        'tk;help;wait' {
            break
        }
        'tk;help;resolve' {
            break
        }
        'tk;help;close' {
            break
        }
        'tk;help;reopen' {
            break
        }
        'tk;help;rate' {
            break
        }
        'tk;help;search' {
            break
        }
        'tk;help;set' {
            break
        }
        'tk;help;edit' {
            break
        }
        'tk;help;log' {
            break
        }
        'tk;help;sync' {
            break
        }
        'tk;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the configuration in effect, defaults included')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one key, e.g. `tk config set sla.high.response 30m`')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Edit tk.toml in $VISUAL or $EDITOR; an invalid edit commits nothing')
            break
        }
        'tk;help;config;show' {
            break
        }
        'tk;help;config;set' {
            break
        }
        'tk;help;config;edit' {
            break
        }
        'tk;help;report' {
            break
        }
        'tk;help;escalate' {
            break
        }
        'tk;help;team' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a member, or update their name and skills')
            [CompletionResult]::new('away', 'away', [CompletionResultType]::ParameterValue, 'Mark a member away: auto-assignment skips them')
            [CompletionResult]::new('back', 'back', [CompletionResultType]::ParameterValue, 'Mark a member back from being away')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a member')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List members with their skills and open tickets')
            break
        }
        'tk;help;team;add' {
            break
        }
        'tk;help;team;away' {
            break
        }
        'tk;help;team;back' {
            break
        }
        'tk;help;team;remove' {
            break
        }
        'tk;help;team;list' {
            break
        }
        'tk;help;type' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a type, or replace the policy of one the team uses')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop using a type; tickets that have it keep it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the types with their policies')
            break
        }
        'tk;help;type;add' {
            break
        }
        'tk;help;type;remove' {
            break
        }
        'tk;help;type;list' {
            break
        }
        'tk;help;group' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a group, or update one: the options given replace its values')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a group; refused while open tickets are in it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the groups with their members, categories and open tickets')
            break
        }
        'tk;help;group;add' {
            break
        }
        'tk;help;group;remove' {
            break
        }
        'tk;help;group;list' {
            break
        }
        'tk;help;field' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Define a custom field, or replace the definition of one')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a custom field''s definition')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the custom fields with their kinds and choices')
            break
        }
        'tk;help;field;add' {
            break
        }
        'tk;help;field;remove' {
            break
        }
        'tk;help;field;list' {
            break
        }
        'tk;help;completions' {
            break
        }
        'tk;help;link' {
            break
        }
        'tk;help;unlink' {
            break
        }
        'tk;help;watch' {
            break
        }
        'tk;help;unwatch' {
            break
        }
        'tk;help;attach' {
            break
        }
        'tk;help;attachments' {
            break
        }
        'tk;help;attachment' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Write an attachment''s bytes to a file or stdout')
            break
        }
        'tk;help;attachment;get' {
            break
        }
        'tk;help;man' {
            break
        }
        'tk;help;mail' {
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Take in mail: one message on stdin, message files, mboxes or Maildirs')
            [CompletionResult]::new('fetch', 'fetch', [CompletionResultType]::ParameterValue, 'Take in the unseen messages of the desk''s IMAP mailbox')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'List the mails requesters and watchers are owed')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver the mails the outbox lists')
            break
        }
        'tk;help;mail;ingest' {
            break
        }
        'tk;help;mail;fetch' {
            break
        }
        'tk;help;mail;outbox' {
            break
        }
        'tk;help;mail;send' {
            break
        }
        'tk;help;view' {
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Save (or replace) a view: the `tk list` arguments after `--`')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the saved views')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a saved view')
            break
        }
        'tk;help;view;save' {
            break
        }
        'tk;help;view;list' {
            break
        }
        'tk;help;view;remove' {
            break
        }
        'tk;help;template' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Save a template')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the templates')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one template')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a template')
            break
        }
        'tk;help;template;add' {
            break
        }
        'tk;help;template;list' {
            break
        }
        'tk;help;template;show' {
            break
        }
        'tk;help;template;remove' {
            break
        }
        'tk;help;export' {
            break
        }
        'tk;help;import' {
            break
        }
        'tk;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
