// The words of the 述职报告 draft that records cannot count: written for this app as a starting point the secretary
// rewrites (docs/domain.md describes the structure the five sample reports share). No place or person is named.

export const OPENING_WORDS = '在上级党组织的坚强领导下，本人认真履行党支部书记抓基层党建工作第一责任人职责，坚持以习近平新时代中国特色社会主义思想为指导，围绕中心、服务大局，带领支部党员扎实推进支部各项建设。现将本年度抓基层党建工作情况报告如下：'

export const HEADINGS = {
  achievements: '一、主要做法和成效',
  problems: '二、存在问题',
  nextSteps: '三、下一步工作思路和措施',
} as const

/** The four points of 一、 — each opens with its own words; the counted sentences follow. */
export const ACHIEVEMENT_WORDS = {
  politics: '（一）坚持理论武装，加强政治建设。把学习贯彻党的创新理论作为支部的首要政治任务，落实“第一议题”制度，采取集中学习、专题研讨和个人自学相结合的方式，引导党员学深悟透、学用结合。',
  organization: '（二）严格组织生活，夯实支部基础。认真落实“三会一课”、主题党日、组织生活会和民主评议党员等制度，做到按时召开、议题明确、记录完整。',
  conduct: '（三）加强作风建设，严守纪律规矩。教育党员严格遵守中央八项规定精神，经常开展廉洁提醒，坚持抓早抓小、防微杜渐。',
  service: '（四）践行为民宗旨，发挥先锋作用。组织党员立足岗位作表率，深入开展志愿服务和结对帮扶，帮助群众解决身边的实际困难。',
} as const

export const PROBLEM_WORDS = [
  '一是理论学习的深度还不够。集中学习安排得多，结合实际深入研讨得少，学用结合有待加强。',
  '二是组织生活的质量有待提高。个别会议议题不够聚焦，形式较为单一，党员发言讨论不够充分。',
  '三是党建与业务融合不够紧密。抓党建促发展的办法不多，部分党员的先锋模范作用发挥得不够明显。',
] as const

export const NEXT_STEP_WORDS = [
  '（一）持续深化理论武装。制定年度学习计划，丰富学习形式，推动学习成果转化为做好本职工作的实际成效。',
  '（二）着力提升组织生活质量。严格执行“三会一课”等制度，精心确定每次会议的议题，认真开展批评和自我批评，增强组织生活的吸引力。',
  '（三）推动党建与业务深度融合。围绕中心任务设岗定责，引导党员在急难险重任务中带头攻坚，以党建工作的实效推动各项工作。',
] as const

export const SIGNATURE_WORDS = '述职人：'
