# bash completion for handbook(1)
_handbook()
{
	local cur prev
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-o|--output)
		COMPREPLY=($(compgen -f -X '!*.pdf' -- "$cur") $(compgen -d -- "$cur"))
		return ;;
	--all-roles|--all-reviews|--fonts)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--paper)
		COMPREPLY=($(compgen -W 'a4 letter a5 b5' -- "$cur"))
		return ;;
	--pdf-standard)
		COMPREPLY=($(compgen -W 'a-2a ua-1 none' -- "$cur"))
		return ;;
	--fail-on)
		COMPREPLY=($(compgen -W 'error warning' -- "$cur"))
		return ;;
	--diagnostics-format)
		COMPREPLY=($(compgen -W 'human json github' -- "$cur"))
		return ;;
	--role|--review)
		# the roles of the content folder named on the line, else ./content
		local dir=content w
		for w in "${COMP_WORDS[@]:1}"; do
			[ -d "$w" ] && [ -f "$w/README.md" ] && dir=$w
		done
		COMPREPLY=($(compgen -W "$(handbook --list-roles "$dir" 2>/dev/null | cut -f1 | sed 's/\.md$//')" -- "$cur"))
		return ;;
	--config)
		COMPREPLY=($(compgen -f -X '!*.y*ml' -- "$cur") $(compgen -d -- "$cur"))
		return ;;
	--theme)
		COMPREPLY=($(compgen -W 'default serif dark' -- "$cur"))
		return ;;
	--date|--org|--lang|--since|--for|--jobs)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W '-o --output --role --all-roles --all-reviews --jobs --review --config --theme
			--print-config --for --flat --paper --duplex --simplex
			--date --since --org --lang --pdf-standard --fonts --stats --explain --dump -q --quiet --check --strict --fail-on
			--diagnostics-format --list-roles --json --watch -h --help --version' -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -d -- "$cur"))
}
complete -F _handbook handbook
