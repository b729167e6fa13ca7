# A small Terraform project run with role credentials from awst:
#   awst run main-account AdminAccess -- terraform init
#   awst run main-account AdminAccess -- terraform apply
# awst sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_REGION for Terraform,
# so no profile or key appears here.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

provider "aws" {
  default_tags {
    tags = {
      ManagedBy = "terraform"
      Example   = "awst-terraform-project"
    }
  }
}

variable "name" {
  description = "Name of the log group this example creates."
  type        = string
  default     = "awst-example"
}

data "aws_caller_identity" "current" {}

resource "aws_cloudwatch_log_group" "example" {
  name              = var.name
  retention_in_days = 7
}

output "caller_arn" {
  description = "Who Terraform ran as: the role session awst assumed."
  value       = data.aws_caller_identity.current.arn
}

output "log_group_arn" {
  value = aws_cloudwatch_log_group.example.arn
}
