// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Command coldstart times a Terraform provider's cold start the way
// Terraform starts it: it execs the binary with the go-plugin environment
// (magic cookie, protocol version 6, a socket directory), waits for the
// handshake line on stdout ("1|6|unix|/path|grpc|"), then connects and
// calls GetProviderSchema, the first RPC Terraform sends, and kills the
// process. It reports min, median and max of both times per binary, the
// binaries' runs alternating.
//
//	go run ./bench/coldstart -runs 20 real=/path/to/provider floor=/path/to/floor
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
)

// The environment go-plugin's server reads (hashicorp/go-plugin server.go)
// with Terraform's magic cookie (terraform-plugin-go tf6server).
var pluginEnv = []string{
	"TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
	"PLUGIN_PROTOCOL_VERSIONS=6",
	"PLUGIN_MIN_PORT=10000",
	"PLUGIN_MAX_PORT=25000",
}

type sample struct{ handshake, firstRPC time.Duration }

func main() {
	runs := flag.Int("runs", 15, "runs per binary (after one warm-up run each)")
	timeout := flag.Duration("timeout", 30*time.Second, "give up on a run after this long")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: %s [-runs N] [name=]binary...\n", os.Args[0])
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	type binary struct {
		name, path string
		samples    []sample
	}
	var bins []*binary
	for _, arg := range flag.Args() {
		name, path, ok := strings.Cut(arg, "=")
		if !ok {
			name, path = arg, arg
		}
		bins = append(bins, &binary{name: name, path: path})
	}
	for run := -1; run < *runs; run++ {
		for _, b := range bins {
			s, err := start(b.path, *timeout)
			if err != nil {
				fmt.Fprintf(os.Stderr, "coldstart: %s: %v\n", b.name, err)
				os.Exit(1)
			}
			if run >= 0 { // run -1 warms the page cache
				b.samples = append(b.samples, s)
			}
		}
	}
	fmt.Printf("%-8s %5s  %-32s  %-32s\n", "binary", "runs", "handshake ms (min/median/max)", "first RPC ms (min/median/max)")
	for _, b := range bins {
		var hs, rpc []time.Duration
		for _, s := range b.samples {
			hs, rpc = append(hs, s.handshake), append(rpc, s.firstRPC)
		}
		fmt.Printf("%-8s %5d  %-32s  %-32s\n", b.name, len(b.samples), stats(hs), stats(rpc))
	}
}

func stats(d []time.Duration) string {
	slices.Sort(d)
	ms := func(x time.Duration) string { return fmt.Sprintf("%.2f", float64(x)/1e6) }
	return ms(d[0]) + " / " + ms(median(d)) + " / " + ms(d[len(d)-1])
}

func median(d []time.Duration) time.Duration {
	n := len(d)
	if n%2 == 1 {
		return d[n/2]
	}
	return (d[n/2-1] + d[n/2]) / 2
}

// start runs one cold start and returns its times, measured from just
// before exec.
func start(path string, timeout time.Duration) (sample, error) {
	dir, err := os.MkdirTemp("", "coldstart")
	if err != nil {
		return sample{}, err
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path)
	cmd.Env = append(append(os.Environ(), pluginEnv...), "PLUGIN_UNIX_SOCKET_DIR="+dir)
	cmd.Stderr = io.Discard
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return sample{}, err
	}
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return sample{}, err
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return sample{}, fmt.Errorf("no handshake line: %v", err)
	}
	var s sample
	s.handshake = time.Since(t0)
	// core version | protocol version | network | address | protocol
	f := strings.Split(strings.TrimSpace(line), "|")
	if len(f) < 5 || f[1] != "6" || f[4] != "grpc" {
		return s, fmt.Errorf("unexpected handshake %q", line)
	}
	target := f[3]
	if f[2] == "unix" {
		target = "unix://" + target
	}
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return s, err
	}
	defer conn.Close()
	// GetProviderSchema.Request has no fields, so an empty message encodes
	// it; the response's fields are skipped as unknown.
	if err := conn.Invoke(ctx, "/tfplugin6.Provider/GetProviderSchema", &emptypb.Empty{}, &emptypb.Empty{}); err != nil {
		return s, fmt.Errorf("GetProviderSchema: %v", err)
	}
	s.firstRPC = time.Since(t0)
	return s, nil
}
