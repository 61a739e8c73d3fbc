#!/usr/bin/env bash
# Regenerates the committed shell completions (completions/) and man pages
# (man/) from the CLI definition. The test suite fails when they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --locked
tk=target/debug/tk
for pair in bash:tk.bash zsh:_tk fish:tk.fish powershell:_tk.ps1 elvish:tk.elv; do
  "$tk" completions "${pair%%:*}" > "completions/${pair#*:}"
done
rm -f man/*.1
"$tk" man > man/tk.1
for command in $("$tk" --help | awk '/^Commands:/{on=1; next} on && NF==0{exit} on{print $1}'); do
  [ "$command" = help ] && continue
  "$tk" man "$command" > "man/tk-$command.1"
done
