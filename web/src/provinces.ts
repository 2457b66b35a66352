/**
 * China's 31 province-level divisions on the mainland by their usual two-letter
 * codes, for a reviewer's plans list: the API lists one province at a time.
 */
export const PROVINCES: readonly (readonly [code: string, zh: string, en: string])[] = [
  ['BJ', '北京', 'Beijing'], ['TJ', '天津', 'Tianjin'], ['HE', '河北', 'Hebei'], ['SX', '山西', 'Shanxi'],
  ['NM', '内蒙古', 'Inner Mongolia'], ['LN', '辽宁', 'Liaoning'], ['JL', '吉林', 'Jilin'], ['HL', '黑龙江', 'Heilongjiang'],
  ['SH', '上海', 'Shanghai'], ['JS', '江苏', 'Jiangsu'], ['ZJ', '浙江', 'Zhejiang'], ['AH', '安徽', 'Anhui'],
  ['FJ', '福建', 'Fujian'], ['JX', '江西', 'Jiangxi'], ['SD', '山东', 'Shandong'], ['HA', '河南', 'Henan'],
  ['HB', '湖北', 'Hubei'], ['HN', '湖南', 'Hunan'], ['GD', '广东', 'Guangdong'], ['GX', '广西', 'Guangxi'],
  ['HI', '海南', 'Hainan'], ['CQ', '重庆', 'Chongqing'], ['SC', '四川', 'Sichuan'], ['GZ', '贵州', 'Guizhou'],
  ['YN', '云南', 'Yunnan'], ['XZ', '西藏', 'Tibet'], ['SN', '陕西', 'Shaanxi'], ['GS', '甘肃', 'Gansu'],
  ['QH', '青海', 'Qinghai'], ['NX', '宁夏', 'Ningxia'], ['XJ', '新疆', 'Xinjiang'],
];

export function provinceName(code: string, lang: 'zh' | 'en'): string {
  const found = PROVINCES.find(([c]) => c === code);
  return found === undefined ? code : `${lang === 'zh' ? found[1] : found[2]} (${code})`;
}
