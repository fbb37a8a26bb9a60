/**
 * The JSON Schema of stepwright.config.json. schema/config.schema.json (what editors load) is this
 * object, written out; a test keeps the two identical.
 */
export const CONFIG_SCHEMA = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://stepwright.dev/schema/config.schema.json",
  "title": "stepwright.config.json",
  "description": "Project settings: the AWS account and region that generated ARNs name, and the project name every deployed resource is tagged with.",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "type": "string"
    },
    "name": {
      "description": "The project's name. Deployed resources carry the tag stepwright:project=<name>; deploy, plan and destroy touch only resources with it. Default: package.json's name, else the folder's.",
      "type": "string",
      "pattern": "^[A-Za-z0-9_.-]{1,64}$"
    },
    "region": {
      "description": "The AWS region, e.g. eu-west-1 (else AWS_REGION or AWS_DEFAULT_REGION).",
      "type": "string"
    },
    "account": {
      "description": "The 12-digit AWS account id, as a string (else AWS_ACCOUNT_ID).",
      "type": "string",
      "pattern": "^[0-9]{12}$"
    },
    "partition": {
      "description": "The ARN partition. Default: derived from the region (aws, aws-cn, aws-us-gov).",
      "enum": [
        "aws",
        "aws-cn",
        "aws-us-gov"
      ]
    },
    "workflows": {
      "description": "The folder of workflow modules. Default: workflows.",
      "type": "string",
      "minLength": 1
    },
    "schedules": {
      "description": "The folder of schedules and rules YAML files. Default: schedules.",
      "type": "string",
      "minLength": 1
    },
    "substitutions": {
      "description": "Values workflows read with substitutions(...): the ${Name} placeholders of imported SAM and CloudFormation definitions, e.g. { \"LambdaArn\": \"arn:aws:lambda:eu-west-1:123456789012:function:score\" }.",
      "type": "object",
      "additionalProperties": {
        "type": "string"
      }
    },
    "deploy": {
      "description": "How stepwright deploy names and places what it creates, which out/schedules and out/rules name too (docs/deploy.md). Every setting has a default.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "alias": {
          "description": "The alias moved to each workflow's newest version; schedules and rules start the workflow through it. Default: live.",
          "type": "string",
          "pattern": "^(?=.*[A-Za-z_.-])[A-Za-z0-9_.-]{1,80}$"
        },
        "scheduleGroup": {
          "description": "The Scheduler schedule group of schedules that name none. Default: the project's name.",
          "type": "string",
          "pattern": "^[0-9A-Za-z_.-]{1,64}$"
        },
        "rolePath": {
          "description": "The IAM path of the roles deploy creates, so it can find the ones it created before. Default: /stepwright/<name>/.",
          "type": "string",
          "pattern": "^/([!-~]{0,510}/)?$"
        },
        "permissionsBoundary": {
          "description": "The ARN of a managed policy set as the permissions boundary of every role deploy creates (where the organisation requires one).",
          "type": "string",
          "pattern": "^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/.+$"
        },
        "executionRoles": {
          "description": "Existing execution roles, by workflow name (a role ARN, or a role name at path /). Deploy uses them as they are and creates no role for those workflows.",
          "type": "object",
          "additionalProperties": {
            "type": "string",
            "minLength": 1
          }
        },
        "existingRoles": {
          "description": "Role names used by schedules and rules that already exist and are managed elsewhere: deploy neither creates, changes nor deletes them.",
          "type": "array",
          "items": {
            "type": "string",
            "pattern": "^[A-Za-z0-9+=,.@_-]{1,64}$"
          },
          "uniqueItems": true
        }
      }
    }
  }
} as const;
