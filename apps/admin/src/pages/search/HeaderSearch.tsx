import { SearchOutlined } from '@ant-design/icons';
import { Input } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';

/** The one search box in the header: members, organisations and handbook documents (/search). */
export function HeaderSearch() {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  return (
    <Input
      role="searchbox"
      aria-label="全局搜索"
      allowClear
      prefix={<SearchOutlined aria-hidden />}
      placeholder="搜索团员、组织、工作手册"
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onPressEnter={() => {
        const q = value.trim();
        if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
      }}
      style={{ width: 240 }}
    />
  );
}
