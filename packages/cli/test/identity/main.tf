# The caller identity as Terraform's AWS provider sees it, with the profile given (or its own chain).
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.100" }
  }
}

variable "profile" {
  type    = string
  default = ""
}

provider "aws" {
  profile = var.profile == "" ? null : var.profile
}

data "aws_caller_identity" "me" {}

output "arn" {
  value = data.aws_caller_identity.me.arn
}
