import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Row, Space, Table, type TableColumnsType, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The list pages' filters live in the URL (shareable, kept on back/forward): read them with
 * `params.get(…)`, change several at once with `set({ q: 'x', page: undefined })` (empty removes).
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };
  return { params, set };
}

/**
 * A search form (fields laid out in a row, 查询 at the end, optional extra actions beside it, e.g. an
 * ExportButton) above a paginated antd table with `共 N 条`. Rows are clickable when `onRowClick` is set.
 */
export function SearchTable<T extends object, V extends object>(props: {
  /** The form's name (its fields get ids `<name>_<field>`). */
  formName: string;
  /** A new key resets the form (e.g. when a tab changes what is listed). */
  formKey?: string;
  initialValues: V;
  onSearch: (values: V) => void;
  /** `<Col>` elements with the `Form.Item`s. */
  fields: ReactNode;
  /** Width of the 查询 column at `lg` (default 4). */
  searchColLg?: number;
  actions?: ReactNode;
  columns: TableColumnsType<T>;
  rowKey: TableProps<T>['rowKey'];
  data: { items: T[]; total: number } | undefined;
  loading: boolean;
  page: number;
  pageSize?: number;
  onPage: (page: number) => void;
  onRowClick?: (row: T) => void;
  emptyText: string;
  /** Between the form and the table (summary cards and the like). */
  between?: ReactNode;
}) {
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Form<V>
          layout="vertical"
          name={props.formName}
          key={props.formKey}
          initialValues={props.initialValues}
          onFinish={props.onSearch}
        >
          <Row gutter={16} align="bottom">
            {props.fields}
            <Col xs={24} sm={12} lg={props.searchColLg ?? 4}>
              <Form.Item style={{ marginBottom: 12 }}>
                <Space wrap>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
                    查询
                  </Button>
                  {props.actions}
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {props.between}
      <Card>
        <Table<T>
          rowKey={props.rowKey}
          size="middle"
          columns={props.columns}
          dataSource={props.data?.items ?? []}
          loading={props.loading}
          onRow={
            props.onRowClick
              ? (r) => ({ onClick: () => props.onRowClick?.(r), style: { cursor: 'pointer' } })
              : undefined
          }
          locale={{ emptyText: props.emptyText }}
          pagination={{
            current: props.page,
            pageSize: props.pageSize ?? 20,
            total: props.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p) => props.onPage(p),
          }}
        />
      </Card>
    </>
  );
}
