variable "instance_type" {
  description = "EC2 instance type of the node group."
  type        = string
}

variable "expected_pods" {
  description = "Pods per node that need a VPC address (hostNetwork pods excluded)."
  type        = number
}

variable "node_count" {
  description = "Nodes in the group; the subnets are checked for this many."
  type        = number
}

variable "subnet_cidrs" {
  description = "IPv4 CIDRs of the subnets the nodes use; the nodes spread evenly over them."
  type        = list(string)
}

variable "spare_ips" {
  description = "Free addresses each node keeps for pods about to start (WARM_IP_TARGET)."
  type        = number
  default     = 2
}
