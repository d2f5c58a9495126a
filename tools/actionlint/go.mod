// actionlint, built from the Go module proxy for `make lint-workflows`
// (scripts/lint-workflows.sh runs go tool -modfile=tools/actionlint/go.mod
// actionlint).
//
// A module of its own, not a tool in tools/go.mod: actionlint v1.7.12
// builds only with go.yaml.in/yaml/v4 v4.0.0-rc.3 (it uses
// yaml.ParserError, which later release candidates dropped), while
// golangci-lint's gosec requires v4.0.0-rc.6, and one module has one
// version of each dependency.
module github.com/vpccni/terraform-provider-vpccni/tools/actionlint

go 1.25.0

tool github.com/rhysd/actionlint/cmd/actionlint

require (
	github.com/bmatcuk/doublestar/v4 v4.10.0 // indirect
	github.com/clipperhouse/uax29/v2 v2.7.0 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.20 // indirect
	github.com/mattn/go-runewidth v0.0.21 // indirect
	github.com/mattn/go-shellwords v1.0.12 // indirect
	github.com/rhysd/actionlint v1.7.12 // indirect
	github.com/robfig/cron/v3 v3.0.1 // indirect
	go.yaml.in/yaml/v4 v4.0.0-rc.3 // indirect
	golang.org/x/sync v0.20.0 // indirect
	golang.org/x/sys v0.42.0 // indirect
)
