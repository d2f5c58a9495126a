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

variable "subnet_available_ips" {
  description = "Free addresses per subnet, paired with subnet_cidrs (aws_subnet.available_ip_address_count); null to count the CIDRs whole."
  type        = list(number)
  default     = null
}

variable "running_nodes" {
  description = "Nodes running now, on the add-on defaults: with subnet_available_ips, what they hold is added back to the free counts."
  type        = number
  default     = 0
}
