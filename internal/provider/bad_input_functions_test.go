// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
)

func TestAccBadInputFunctions(t *testing.T) {
	var rows []badInputRow
	for _, fn := range []string{"max_pods", "node_ips"} {
		args := func(instanceType string) string {
			if fn == "node_ips" {
				return fmt.Sprintf("provider::vpccni::node_ips(%s, 20, {})", instanceType)
			}
			return fmt.Sprintf("provider::vpccni::max_pods(%s)", instanceType)
		}
		rows = append(rows,
			badCall(fn+"/instance_type/empty", args(`""`), `Invalid value for "instance_type" parameter: The instance type is empty; give an EC2 instance type such as "m5.large".`),
			badCall(fn+"/instance_type/leading space", args(`" r5.xlarge"`), `Invalid value for "instance_type" parameter: instance type " r5.xlarge" is not in the embedded table of `+badTableSize+` EC2 instance types; did you mean r5.xlarge?`),
			badCall(fn+"/instance_type/upper case", args(`"R5.XLARGE"`), `Invalid value for "instance_type" parameter: instance type "R5.XLARGE" is not in the embedded table of `+badTableSize+` EC2 instance types; did you mean r5.xlarge?`),
			badCall(fn+"/instance_type/null", args(`null`), `Invalid value for "instance_type" parameter: argument must not be null.`),
		)
	}
	nodeIPs := func(pods, settings string) string {
		return fmt.Sprintf("provider::vpccni::node_ips(\"r5.xlarge\", %s, %s)", pods, settings)
	}
	rows = append(rows,
		badCall("node_ips/pods/negative", nodeIPs("-1", "{}"), `Invalid value for "pods" parameter: pods = -1: r5.xlarge runs 0 to 58 pods in this mode (a whole number)`),
		badCall("node_ips/pods/beyond int32", nodeIPs("3000000000", "{}"), `Invalid value for "pods" parameter: pods = 3000000000: r5.xlarge runs 0 to 58 pods in this mode`),
		badCall("node_ips/pods/beyond int64", nodeIPs("1e20", "{}"), `Invalid value for "pods" parameter: pods = 100000000000000000000: r5.xlarge runs 0 to 58 pods in this mode (a whole number)`),
		badCall("node_ips/pods/fraction", nodeIPs("1.5", "{}"), `Invalid value for "pods" parameter: pods = 1.5: r5.xlarge runs 0 to 58 pods in this mode (a whole number)`),
		badCall("node_ips/pods/null", nodeIPs("null", "{}"), `Invalid value for "pods" parameter: argument must not be null.`),
		// A literal null is refused rather than read as the defaults:
		// OpenTofu turns a null argument into an unknown result.
		badCall("node_ips/settings/null", nodeIPs("20", "null"), `Invalid value for "settings" parameter: argument must not be null.`),
		badCall("node_ips/settings/negative", nodeIPs("20", "{ warm_ip_target = -1 }"), `Invalid value for "settings" parameter: settings.warm_ip_target = -1: must be a whole number from 0 to 100000`),
		badCall("node_ips/settings/beyond int32", nodeIPs("20", "{ minimum_ip_target = 3000000000 }"), `Invalid value for "settings" parameter: settings.minimum_ip_target = 3000000000: must be a whole number from 0 to 100000`),
		badCall("node_ips/settings/beyond int64", nodeIPs("20", "{ warm_eni_target = 1e20 }"), `Invalid value for "settings" parameter: settings.warm_eni_target = 100000000000000000000: must be a whole number from 0 to 100000`),
		badCall("node_ips/settings/fraction", nodeIPs("20", "{ warm_ip_target = 2.5 }"), `Invalid value for "settings" parameter: settings.warm_ip_target = 2.5: must be a whole number from 0 to 100000`),
		badCall("node_ips/settings/upper-case key", nodeIPs("20", "{ WARM_IP_TARGET = 2 }"), `Invalid value for "settings" parameter: settings has an unknown key "WARM_IP_TARGET"; the keys are minimum_ip_target, prefix_delegation, warm_eni_target, warm_ip_target, warm_prefix_target`),
		badCall("node_ips/settings/string", nodeIPs("20", `""`), `Invalid value for "settings" parameter: settings must be an object such as { warm_ip_target = 2, minimum_ip_target = 20 }, not a string.`),
		// Terraform's language names, never Go's: a list literal is a
		// tuple.
		badCall("node_ips/settings/list", nodeIPs("20", `[1, 2]`), `Invalid value for "settings" parameter: settings must be an object such as { warm_ip_target = 2, minimum_ip_target = 20 }, not a tuple (a list literal such as [1, 2]).`),
		badCall("node_ips/settings/prefix_delegation not bool", nodeIPs("20", `{ prefix_delegation = [] }`), `Invalid value for "settings" parameter: settings.prefix_delegation must be a bool (true or false), not a tuple (a list literal such as [1, 2]).`),
	)
	for _, in := range []struct{ name, arg, want string }{
		{"empty", `""`, `"" is not a CIDR block such as 10.0.0.0/24`},
		{"white space", `" 10.0.0.0/24"`, `" 10.0.0.0/24" has surrounding white space; write "10.0.0.0/24".`},
		{"IPv6", `"2001:db8::/56"`, `"2001:db8::/56" is not IPv4`},
		{"host bits", `"10.0.0.9/24"`, `"10.0.0.9/24" has host bits set: the subnet is 10.0.0.0/24.`},
		{"too large", `"10.0.0.0/8"`, `"10.0.0.0/8" is a /8: AWS subnets are /16 to /28.`},
		{"too small", `"10.0.0.0/29"`, `"10.0.0.0/29" is a /29: AWS subnets are /16 to /28.`},
		{"address", `"10.0.0.1"`, `"10.0.0.1" is an address, not a CIDR block; write it with a prefix length such as 10.0.0.1/24.`},
		{"null", `null`, `argument must not be null.`},
	} {
		rows = append(rows, badCall("prefix_blocks/cidr/"+in.name, "provider::vpccni::prefix_blocks("+in.arg+")", `Invalid value for "cidr" parameter: `+in.want))
	}
	runBadInputRows(t, "output", rows)

	runGoodInputRows(t, "output", []goodInputRow{
		// No pods: the primary ENI's 14 secondaries are the warm ENI's
		// worth (WARM_ENI_TARGET=1): 15 addresses.
		{name: "node_ips/pods/zero", body: []string{`value = provider::vpccni::node_ips("r5.xlarge", 0, {})`}, checks: []badValueCheck{badOutput(knownvalue.Int64Exact(15))}},
		// Zero targets are valid settings, as in vpccni_warm_pool's
		// current: 28 secondaries on 2 ENIs.
		{name: "node_ips/settings/zero", body: []string{`value = provider::vpccni::node_ips("r5.xlarge", 20, { warm_eni_target = 0, warm_ip_target = 0, minimum_ip_target = 0 })`},
			checks: []badValueCheck{badOutput(knownvalue.Int64Exact(30))}},
		// The smallest subnet has no whole /28 for a prefix.
		{name: "prefix_blocks/cidr/smallest", body: []string{`value = provider::vpccni::prefix_blocks("10.0.0.0/28")`}, checks: []badValueCheck{badOutput(knownvalue.Int64Exact(0))}},
		{name: "max_pods/instance_type/unknown", unknown: true, body: []string{`value = provider::vpccni::max_pods(local.u.r5)`}, checks: []badValueCheck{badOutput(knownvalue.Int64Exact(58))}},
		{name: "node_ips/instance_type/unknown", unknown: true, body: []string{`value = provider::vpccni::node_ips(local.u.r5, 20, {})`}, checks: []badValueCheck{badOutput(knownvalue.Int64Exact(45))}},
		{name: "node_ips/pods/unknown", unknown: true, body: []string{`value = provider::vpccni::node_ips("r5.xlarge", local.u.n20, {})`}, checks: []badValueCheck{badOutput(knownvalue.Int64Exact(45))}},
		{name: "node_ips/settings/unknown", unknown: true, body: []string{`value = provider::vpccni::node_ips("r5.xlarge", 20, local.u.current)`}, checks: []badValueCheck{badOutput(knownvalue.Int64Exact(24))}},
		{name: "node_ips/settings/unknown field", unknown: true, body: []string{`value = provider::vpccni::node_ips("r5.xlarge", 20, { minimum_ip_target = 20, warm_ip_target = local.u.n2 })`},
			checks: []badValueCheck{badOutput(knownvalue.Int64Exact(24))}},
		{name: "prefix_blocks/cidr/unknown", unknown: true, body: []string{`value = provider::vpccni::prefix_blocks(local.u.cidr)`}, checks: []badValueCheck{badOutput(knownvalue.Int64Exact(14))}},
	})
}
