// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/vpccni/terraform-provider-vpccni/internal/ec2limits"
	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
	"github.com/vpccni/terraform-provider-vpccni/internal/subnet"
)

// The shapes of the strings the data sources take. Names and ids that
// reach the add-on's configuration are checked strictly, because a stray
// space or capital letter there makes an ENIConfig no node matches.
var (
	zoneName        = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)+$`)
	regionName      = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
	securityGroupID = regexp.MustCompile(`^sg-[0-9a-f]{8,17}$`)
	noSpace         = regexp.MustCompile(`^\S+$`)
)

// patternCheck checks a string against a pattern and a length.
func patternCheck(summary string, re *regexp.Regexp, want string) stringCheck {
	return stringCheck{summary: summary, detail: func(s string) string {
		if utf8.RuneCountInString(s) > maxNameLen || !re.MatchString(s) {
			return fmt.Sprintf("%s %s.", echo.Quote(s), want)
		}
		return ""
	}}
}

var (
	cidrCheck = stringCheck{summary: "Invalid subnet CIDR", detail: func(cidr string) string {
		if _, err := subnet.Parse(cidr); err != nil {
			return err.Error() + "."
		}
		return ""
	}}
	zoneCheck = patternCheck("Invalid Availability Zone", zoneName,
		"must be an Availability Zone name such as eu-west-1a: lower-case letters, digits and dashes")
	regionCheck   = patternCheck("Invalid region", regionName, "must be an AWS region name such as eu-west-1")
	sgCheck       = patternCheck("Invalid security group id", securityGroupID, "must be a security group id such as sg-0123456789abcdef0")
	subnetIDCheck = patternCheck("Invalid subnet id", noSpace,
		fmt.Sprintf("must be a subnet id such as subnet-0123456789abcdef0: no white space, at most %d characters", maxNameLen))
	groupNameCheck = patternCheck("Invalid node group name", noSpace,
		fmt.Sprintf("must be a node group name: no white space, at most %d characters", maxNameLen))
)

// shortName reports whether a name is short enough to be an instance
// type, family or size; a longer one is not looked up (a 1 MB string
// would make the close-match search slow and the message long).
func shortName(s string) bool { return utf8.RuneCountInString(s) <= maxNameLen }

// instanceTypeCheck accepts the instance types of the embedded table.
var instanceTypeCheck = stringCheck{summary: "Unknown instance type", detail: func(name string) string {
	_, msg := lookupInstanceType(name)
	return msg
}}

// lookupInstanceType finds a type in the table; msg says why not, with
// close matches, or is "" when found. It is the one place names are
// checked: data sources, rankings and functions all call it.
func lookupInstanceType(name string) (ec2limits.Limits, string) {
	if name == "" {
		return ec2limits.Limits{}, `The instance type is empty; give an EC2 instance type such as "m5.large".`
	}
	if !shortName(name) {
		return ec2limits.Limits{}, fmt.Sprintf("%s is not an EC2 instance type name such as \"m5.large\": those have at most %d characters.", echo.Quote(name), maxNameLen)
	}
	l, err := ec2limits.Find(name)
	if err != nil {
		return ec2limits.Limits{}, sentence(err.Error())
	}
	return l, ""
}

// familyCheck accepts the instance families of the table.
var familyCheck = stringCheck{summary: "Unknown instance family", detail: func(f string) string {
	if !shortName(f) {
		return fmt.Sprintf("%s is not an instance family such as \"m5\".", echo.Quote(f))
	}
	if err := ec2limits.FindFamily(f); err != nil {
		return sentence(err.Error())
	}
	return ""
}}

// sizeCheck accepts instance sizes.
var sizeCheck = stringCheck{summary: "Invalid instance size", detail: func(size string) string {
	if !shortName(size) {
		return fmt.Sprintf("%s is not an instance size such as \"large\".", echo.Quote(size))
	}
	if _, err := ec2limits.ParseSize(size); err != nil {
		return sentence(err.Error())
	}
	return ""
}}

// sentence ends an error message with a full stop unless it ends a
// question or sentence already.
func sentence(msg string) string {
	if n := len(msg); n > 0 && (msg[n-1] == '?' || msg[n-1] == '.') {
		return msg
	}
	return msg + "."
}
