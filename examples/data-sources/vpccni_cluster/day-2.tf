# Day 2: the apps group runs 10 r5.xlarge nodes today, 5 a zone, on the
# add-on defaults (45 addresses a node). AWS's free counts
# (aws_subnet.available_ip_address_count, here 20 and 30) leave out what
# those nodes hold, so the plan adds it back: each subnet offers its free
# count + 5 x 45 = 225 for the change. With the recommendation zone a needs
# 192 at max + surge (8 nodes x 24) and offers 245.
data "vpccni_cluster" "running" {
  node_group {
    name          = "apps"
    instance_type = "r5.xlarge"
    expected_pods = 20
    desired_nodes = 10
    max_nodes     = 12
    running_nodes = 10
  }

  # Once the nodes run with other settings, give them here, or the plan
  # adds back what the defaults would hold.
  # current {
  #   minimum_ip_target = 20
  #   warm_ip_target    = 2
  # }

  subnet {
    id                = "subnet-a"
    cidr              = "10.0.0.0/24"
    availability_zone = "eu-west-1a"
    available_ips     = 20
  }
  subnet {
    id                = "subnet-b"
    cidr              = "10.0.1.0/24"
    availability_zone = "eu-west-1b"
    available_ips     = 30
  }
}

output "day_2" {
  # subnet-a: held_now 225, capacity 245, needed at max + surge 192, headroom 53
  # subnet-b: held_now 225, capacity 255, needed at max + surge 192, headroom 63
  value = {
    for id, u in data.vpccni_cluster.running.subnets_usage : id => {
      held_now = u.held_now
      capacity = u.capacity
      needed   = u.ips_needed_surge
      headroom = u.headroom
    }
  }
}
