# Sourced by the test runners (lib.sh, run.sh, fuzz/run.sh): a test sees
# nothing of the user's. hermetic_env DIR points HOME, the XDG folders and
# the runtime folder into DIR (made here), so that no config.ini, state.ini
# or database of the user's is read or written, and unsets what else
# changes gradus or the terminal it draws on. The tmux servers the tests
# start inherit this environment.
hermetic_env() {
	export HOME="$1/home"
	export XDG_CONFIG_HOME="$HOME/.config" XDG_STATE_HOME="$HOME/.local/state" XDG_DATA_HOME="$HOME/.local/share"
	export XDG_CACHE_HOME="$HOME/.cache" XDG_RUNTIME_DIR="$1/run" TZ=UTC
	unset LANGUAGE GRADUS_FORMS GRADUS_GROUP GRADUS_TIMING GRADUS_TODAY TMUX LINES COLUMNS
	mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 0700 "$XDG_RUNTIME_DIR"
}
