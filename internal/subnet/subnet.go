// Copyright (c) The terraform-provider-vpccni Authors
// SPDX-License-Identifier: MPL-2.0

// Package subnet does the address arithmetic of AWS VPC subnets: parsing
// IPv4 CIDRs the way the VPC API accepts them, usable addresses after
// AWS's five reserved ones, aligned /28 blocks for prefix delegation, and
// the smallest subnet that holds a number of addresses.
package subnet

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/vpccni/terraform-provider-vpccni/internal/echo"
)

// AWS reserves the first four addresses of every subnet (network, VPC
// router, DNS, future use) and the last (broadcast).
const (
	reservedLow  = 4
	reservedHigh = 1
	// Reserved is the number of addresses AWS keeps in every subnet.
	Reserved = reservedLow + reservedHigh
)

// The VPC API accepts IPv4 subnets from /16 to /28.
const (
	MinPrefixLen = 16
	MaxPrefixLen = 28
)

// prefixBlockBits is the size of a prefix-delegation block: a /28.
const prefixBlockBits = 4

// Subnet is a parsed IPv4 subnet CIDR.
type Subnet struct {
	prefix netip.Prefix
}

// Parse reads an IPv4 CIDR such as "10.0.0.0/24". It refuses IPv6, host
// bits set ("10.0.0.5/24": the network is 10.0.0.0/24) and sizes the VPC
// API does not accept as a subnet, with an error that says what would be
// right.
func Parse(cidr string) (Subnet, error) {
	text := strings.TrimSpace(cidr)
	if text != cidr {
		return Subnet{}, fmt.Errorf("%s has surrounding white space; write %s", echo.Quote(cidr), echo.Quote(text))
	}
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		if _, addrErr := netip.ParseAddr(cidr); addrErr == nil {
			return Subnet{}, fmt.Errorf("%q is an address, not a CIDR block; write it with a prefix length such as %s/24", cidr, cidr)
		}
		return Subnet{}, fmt.Errorf("%s is not a CIDR block such as 10.0.0.0/24", echo.Quote(cidr))
	}
	if !p.Addr().Is4() {
		return Subnet{}, fmt.Errorf("%q is not IPv4: the VPC CNI's warm pool spends IPv4 addresses (IPv6 clusters give each node a /80 prefix and do not run out)", cidr)
	}
	if p.Masked() != p {
		return Subnet{}, fmt.Errorf("%q has host bits set: the subnet is %s", cidr, p.Masked())
	}
	if p.Bits() < MinPrefixLen || p.Bits() > MaxPrefixLen {
		return Subnet{}, fmt.Errorf("%q is a /%d: AWS subnets are /%d to /%d", cidr, p.Bits(), MinPrefixLen, MaxPrefixLen)
	}
	return Subnet{prefix: p}, nil
}

// Valid reports whether s came from a successful Parse (the zero Subnet is
// not valid).
func (s Subnet) Valid() bool { return s.prefix.IsValid() }

// String returns the CIDR.
func (s Subnet) String() string { return s.prefix.String() }

// Bits is the prefix length.
func (s Subnet) Bits() int { return s.prefix.Bits() }

// Size is the number of addresses in the CIDR.
func (s Subnet) Size() int { return 1 << (32 - s.prefix.Bits()) }

// Usable is the number of addresses left after AWS's five reserved ones.
func (s Subnet) Usable() int { return UsableIn(s.prefix.Bits()) }

// PrefixBlocks is the number of aligned /28 blocks of a fresh subnet that
// AWS's reserved addresses do not touch: the first block holds the network,
// router, DNS and reserved addresses and the last holds the broadcast, so a
// /24 offers 14 blocks, not 16 (nor 251/16 = 15.6).
func (s Subnet) PrefixBlocks() int { return PrefixBlocksIn(s.prefix.Bits()) }

// Range returns the first and the last address of the CIDR as numbers, so
// that subnets can be sorted and swept for overlaps.
func (s Subnet) Range() (first, last uint32) {
	a := s.prefix.Addr().As4()
	first = uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	return first, first + uint32(s.Size()-1)
}

// Overlaps reports whether the two subnets share an address.
func (s Subnet) Overlaps(o Subnet) bool { return s.prefix.Overlaps(o.prefix) }

// UsableIn is Usable for a subnet of the given prefix length.
func UsableIn(bits int) int { return max((1<<(32-bits))-Reserved, 0) }

// PrefixBlocksIn is PrefixBlocks for a subnet of the given prefix length.
func PrefixBlocksIn(bits int) int {
	if bits > 32-prefixBlockBits {
		return 0
	}
	blocks := 1 << (32 - prefixBlockBits - bits)
	// The reserved addresses sit in the first and the last block; a single
	// block holds both.
	return max(blocks-2, 0)
}

// SmallestFor returns the largest prefix length (the smallest subnet) that
// offers at least n usable addresses, or false when even a /16 does not.
func SmallestFor(n int) (bits int, ok bool) {
	for bits = MaxPrefixLen; bits >= MinPrefixLen; bits-- {
		if UsableIn(bits) >= n {
			return bits, true
		}
	}
	return 0, false
}

// SmallestForPrefixBlocks returns the largest prefix length whose fresh
// subnet offers at least n aligned /28 blocks, or false when even a /16
// does not.
func SmallestForPrefixBlocks(n int) (bits int, ok bool) {
	for bits = MaxPrefixLen; bits >= MinPrefixLen; bits-- {
		if PrefixBlocksIn(bits) >= n {
			return bits, true
		}
	}
	return 0, false
}

// ReservationBitsFor returns the prefix length of the smallest
// prefix-type subnet CIDR reservation that holds n /28 blocks. A
// reservation carves an aligned range out of the subnet that only prefixes
// are assigned from, so none of its blocks is lost to reserved addresses.
func ReservationBitsFor(n int) int {
	if n <= 1 {
		return 32 - prefixBlockBits
	}
	bits := 32 - prefixBlockBits
	for size := 1; size < n; size <<= 1 {
		bits--
	}
	return bits
}

// Spread divides total nodes over n subnets as evenly as possible, the
// remainder going to the first ones.
func Spread(total, n int) []int {
	if n <= 0 {
		return nil
	}
	out := make([]int, n)
	for i := range out {
		out[i] = total / n
		if i < total%n {
			out[i]++
		}
	}
	return out
}

// EdgeAddressesIn is the number of usable addresses of a fresh subnet that
// lie in the first and last /28, the blocks AWS's reserved addresses
// spoil for prefixes: 12 + 15, or 11 in a /28.
func EdgeAddressesIn(bits int) int {
	if bits > 32-prefixBlockBits-1 {
		return UsableIn(bits)
	}
	return 2<<prefixBlockBits - Reserved
}

// BlocksNeeded is the number of whole /28 blocks a fresh subnet must give
// for prefixes /28 prefixes and singles individual addresses (ENI primary
// addresses), when the individual addresses fill the edge blocks first.
// EC2 does not promise to pack them so: scattered primaries can spoil more
// blocks, which a prefix-type subnet CIDR reservation prevents.
func BlocksNeeded(bits, prefixes, singles int) int {
	spill := max(singles-EdgeAddressesIn(bits), 0)
	return prefixes + (spill+(1<<prefixBlockBits)-1)>>prefixBlockBits
}
