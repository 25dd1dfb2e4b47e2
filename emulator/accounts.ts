// The accounts an emulator serves: their access keys, IAM tokens and IAM users.

export interface AccessKey {
  id: string
  secret: string
  /** Temporary credentials carry a security token that must be sent, and signed, with each request. */
  securityToken?: string
}

export interface IamUser {
  name: string
  password: string
}

export interface Account {
  /** The account (domain) name. */
  name: string
  domainId: string
  accessKeys: AccessKey[]
  /** IAM tokens accepted in X-Auth-Token. */
  tokens: string[]
  /** IAM users who may sign in with a password. */
  users?: IamUser[]
}

export const DEMO_ACCOUNT: Account = {
  name: 'demo',
  domainId: '0d1ea0e7a38b4c1a8a8e3f2c4b5d6e7f',
  accessKeys: [{ id: 'DEMOACCESSKEYID0000001', secret: 'demo-secret-access-key-0001' }],
  tokens: ['demo-iam-token-0001'],
  users: [{ name: 'demo-user', password: 'demo-password-0001' }],
}

/** The demo account's access key as huaweicloud/auth-action leaves it in the environment. */
export const DEMO_KEY_ENV = {
  HUAWEI_CLOUD_ACCESS_KEY_ID: DEMO_ACCOUNT.accessKeys[0].id,
  HUAWEI_CLOUD_SECRET_ACCESS_KEY: DEMO_ACCOUNT.accessKeys[0].secret,
}
