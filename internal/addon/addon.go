// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Package addon writes aws-node settings in the shapes the vpc-cni EKS
// add-on takes: an environment map and the add-on's configuration_values
// JSON (the aws-vpc-cni Helm chart's values).
package addon

import (
	"encoding/json"
	"strconv"

	"github.com/vpccni/terraform-provider-vpccni/internal/ipam"
)

// Environment variable names of aws-node.
const (
	EnvWarmIPTarget     = "WARM_IP_TARGET"
	EnvMinimumIPTarget  = "MINIMUM_IP_TARGET"
	EnvPrefixDelegation = "ENABLE_PREFIX_DELEGATION"
	EnvCustomNetwork    = "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG"
	EnvENIConfigLabel   = "ENI_CONFIG_LABEL_DEF"
	EnvMaxENI           = "MAX_ENI"
	EnvIPv6             = "ENABLE_IPv6"
	EnvIPv4             = "ENABLE_IPv4"
	zoneLabel           = "topology.kubernetes.io/zone"
)

// Env returns exactly the aws-node variables a recommendation sets: the IP
// targets (ipamd reads 0 as unset, so a 0 is left out), prefix delegation
// custom networking and security groups for pods (ENABLE_POD_ENI) when on,
// and MAX_ENI when given. Values are
// strings, as Kubernetes env values and the add-on schema require.
func Env(s ipam.Settings) map[string]string {
	env := map[string]string{}
	if v := s.WarmIPTarget.Or(0); v > 0 {
		env[EnvWarmIPTarget] = strconv.Itoa(v)
	}
	if v := s.MinimumIPTarget.Or(0); v > 0 {
		env[EnvMinimumIPTarget] = strconv.Itoa(v)
	}
	if s.PrefixDelegation {
		env[EnvPrefixDelegation] = "true"
	}
	if s.CustomNetworking {
		env[EnvCustomNetwork] = "true"
		// One ENIConfig per availability zone, named after it, picked by
		// the node's zone label.
		env[EnvENIConfigLabel] = zoneLabel
	}
	if s.MaxENI > 0 {
		env[EnvMaxENI] = strconv.Itoa(s.MaxENI)
	}
	if s.PodENI {
		env[EnvPodENI] = "true"
	}
	return env
}

// ClusterEnv is Env for a whole cluster: in an IPv6 cluster IPv6Env's
// variables replace the warm-pool ones, and ENABLE_SUBNET_DISCOVERY is
// written only to turn it off, its default being on (VPC CNI 1.18 and
// later).
func ClusterEnv(s ipam.Settings, ipv6, subnetDiscovery bool) map[string]string {
	env := Env(s)
	if ipv6 {
		delete(env, EnvWarmIPTarget)
		delete(env, EnvMinimumIPTarget)
		for k, v := range IPv6Env() {
			env[k] = v
		}
	}
	if !subnetDiscovery {
		env[EnvSubnetDiscovery] = "false"
	}
	return env
}

// IPv6Env is what aws-node needs in an IPv6 cluster: IPv6 on and IPv4 off
// (ipamd refuses both at once) and prefix delegation, the only mode ipamd
// runs IPv6 in (upstream README, ENABLE_IPv6; ipamd's isConfigValid). The
// warm-pool targets do not apply: the node's /80 prefix holds every pod.
func IPv6Env() map[string]string {
	return map[string]string{EnvIPv6: "true", EnvIPv4: "false", EnvPrefixDelegation: "true"}
}

// ENIConfigSubnet is one availability zone's ENIConfig.
type ENIConfigSubnet struct {
	ID             string   `json:"id"`
	SecurityGroups []string `json:"securityGroups,omitempty"`
}

// ENIConfig is the chart's eniConfig section: create one ENIConfig per
// availability zone.
type ENIConfig struct {
	Create  bool                       `json:"create"`
	Region  string                     `json:"region,omitempty"`
	Subnets map[string]ENIConfigSubnet `json:"subnets"`
}

// ConfigurationValues returns the add-on configuration JSON: {"env": env}
// and, when given, the eniConfig section. The bytes equal Terraform's
// jsonencode of the same object: compact, object keys sorted at every
// level (a map here, and struct fields declared in order), and <, > and &
// escaped as \u003c, \u003e and \u0026, which Go's encoder does as well.
func ConfigurationValues(env map[string]string, eni *ENIConfig) string {
	top := map[string]any{"env": env}
	if eni != nil {
		top["eniConfig"] = eni
	}
	out, err := json.Marshal(top)
	if err != nil {
		// Only strings, bools and maps of them: marshalling cannot fail.
		panic(err)
	}
	return string(out)
}
