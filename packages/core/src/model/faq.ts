/** One help-centre article in one locale. */
export interface Article {
  readonly id: string;
  /** BCP 47 tag, e.g. "en" or "zh-CN". */
  readonly locale: string;
  readonly title: string;
  /** HTML from the help centre; always sanitized before it is rendered. */
  readonly body: string;
  readonly tags: readonly string[];
  /** Category slug, e.g. "shipping", "returns", "payment", "sizing", "account", "warranty". */
  readonly category: string;
  /** URL path patterns ("/products/*") on which the article is suggested. */
  readonly suggestOn?: readonly string[];
  /** ISO 8601. */
  readonly updatedAt: string;
}

/** GET /v1/articles: every article, or only the changes since a sync token. */
export interface ArticleSync {
  /** True when `articles` is the whole help centre (no `since`, or the token was too old). */
  readonly full: boolean;
  /** New or changed articles. */
  readonly articles: readonly Article[];
  /** Ids of articles deleted since the token. */
  readonly deleted: readonly string[];
  /** Pass as `since` next time. Opaque. */
  readonly syncToken: string;
}

export interface ArticleFeedback {
  readonly articleId: string;
  readonly helpful: boolean;
  readonly comment?: string;
}
