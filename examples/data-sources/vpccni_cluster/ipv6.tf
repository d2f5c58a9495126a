# An IPv6 cluster: pods take IPv6 addresses from each node's /80 prefix,
# and a node keeps one IPv4 address, its primary ENI's. With security groups
# for pods the trunk ENI and every branch ENI take an IPv4 address from the
# node subnet too: 1 + 1 + 5 = 7 a node, 35 in each zone's /26 at desired
# size, 49 at max + surge.
data "vpccni_cluster" "v6" {
  ip_family                = "ipv6"
  security_groups_for_pods = true

  node_group {
    name                      = "apps"
    instance_type             = "m5.large"
    expected_pods             = 20
    pods_with_security_groups = 5
    desired_nodes             = 10
  }

  subnet {
    id                = "subnet-a"
    cidr              = "10.0.0.0/26"
    availability_zone = "eu-west-1a"
  }
  subnet {
    id                = "subnet-b"
    cidr              = "10.0.0.64/26"
    availability_zone = "eu-west-1b"
  }
}

output "ipv4_needed" {
  # { subnet-a = [35, 49], subnet-b = [35, 49] }
  value = {
    for id, u in data.vpccni_cluster.v6.subnets_usage : id => [u.ips_needed_desired, u.ips_needed_surge]
  }
}

output "configuration_values" {
  # {"env":{"ENABLE_IPv4":"false","ENABLE_IPv6":"true","ENABLE_POD_ENI":"true","ENABLE_PREFIX_DELEGATION":"true"}}
  value = data.vpccni_cluster.v6.configuration_values
}
